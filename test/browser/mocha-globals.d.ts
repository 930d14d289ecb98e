// The Mocha globals web-test-runner provides; the project has no @types/mocha.
type Done = (error?: unknown) => void;
type TestBody = (this: unknown, done: Done) => void | Promise<unknown>;

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: TestBody): void;
declare function before(body: TestBody): void;
declare function after(body: TestBody): void;
declare function beforeEach(body: TestBody): void;
declare function afterEach(body: TestBody): void;
