export {createEmulator} from './emulator.js';
export {startEmulator} from './server.js';
export {DEFAULT_ACCOUNTS, DEFAULT_RECORDINGS, DEFAULT_ROOMS} from './options.js';
export type {
  Emulator,
  EmulatorAccount,
  EmulatorLabels,
  EmulatorLogEntry,
  EmulatorOptions,
  EmulatorRecording,
  EmulatorRoom,
  ExternalUser,
  HashLogEntry,
  LoginLogEntry,
  LoginOutcome,
  RedemptionLogEntry,
  ResolvedEmulatorOptions,
  RoomOptions,
  RunningEmulator,
  SessionEndedLogEntry,
  StartEmulatorOptions,
} from './types.js';
