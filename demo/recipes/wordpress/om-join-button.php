<?php
/**
 * Plugin Name: OpenMeetings join button
 * Description: The shortcode [om_join room="5"] shows signed-in users a button into that room.
 * Version: 0.1.0
 *
 * Copy dist/om-join-button.iife.js from the npm package next to this file, and set in
 * wp-config.php:
 *
 *   define('OM_JOIN_URL', 'https://om.example.org/openmeetings');  // as WordPress reaches it
 *   define('OM_JOIN_PUBLIC_URL', 'https://om.example.org/openmeetings');  // as browsers do
 *   define('OM_JOIN_USER', 'api-account');  // LOGIN and SOAP rights, one group
 *   define('OM_JOIN_PASSWORD', '...');
 */

defined('ABSPATH') || exit;

// The rooms a signed-in user may enter. Never take a room list or rights from the page.
const OM_JOIN_ROOMS = [5];

add_shortcode('om_join', function ($atts) {
    $atts = shortcode_atts(['room' => '', 'label' => 'Join the meeting'], $atts, 'om_join');
    $room = absint($atts['room']);
    if (!$room || !is_user_logged_in()) {
        return '';
    }

    $script = plugins_url('om-join-button.iife.js', __FILE__);
    wp_enqueue_script('om-join-button', $script, [], '0.1.0', true);
    // admin-ajax.php picks the handler by `action` from the query string: the element posts JSON,
    // which PHP does not read into $_REQUEST. The nonce rides along the same way.
    $endpoint = add_query_arg(
        ['action' => 'om_join', '_ajax_nonce' => wp_create_nonce('om_join')],
        wp_make_link_relative(admin_url('admin-ajax.php'))
    );

    return sprintf(
        '<om-join-button token-endpoint="%s" room-id="%d">%s</om-join-button>',
        esc_url($endpoint),
        $room,
        esc_html($atts['label'])
    );
});

// Signed-in users only: there is no wp_ajax_nopriv_om_join.
add_action('wp_ajax_om_join', function () {
    if (!check_ajax_referer('om_join', '_ajax_nonce', false)) {
        om_join_fail(403, 'config', 'the page is out of date; reload it');
    }
    $body = json_decode(file_get_contents('php://input'), true);
    $room = absint($body['roomId'] ?? 0);
    if (!in_array($room, OM_JOIN_ROOMS, true)) {
        om_join_fail(403, 'config', 'this room is not open to you', 'roomId');
    }
    $language = absint($body['language'] ?? 0);
    $user = wp_get_current_user();

    // One fresh login per hash: OpenMeetings keeps the visitor's identity on the SID.
    $account = ['user' => OM_JOIN_USER, 'pass' => OM_JOIN_PASSWORD];
    $sid = om_join_call('services/user/login', $account);
    $hash = om_join_call('services/user/hash?sid=' . rawurlencode($sid), [
        'user' => wp_json_encode([
            'externalId' => (string) $user->ID,
            'externalType' => 'wordpress',
            'firstname' => $user->first_name ?: $user->display_name,
            'lastname' => $user->last_name,
            'email' => $user->user_email,
        ]),
        'options' => wp_json_encode([
            'roomId' => $room,
            'moderator' => current_user_can('edit_others_posts'),
        ]),
    ]);
    $base = defined('OM_JOIN_PUBLIC_URL') ? OM_JOIN_PUBLIC_URL : OM_JOIN_URL;
    $url = untrailingslashit($base) . '/hash?secure=' . rawurlencode($hash);
    wp_send_json(['url' => $language ? $url . '&language=' . $language : $url]);
});

/** POSTs form fields to OpenMeetings and returns the message of a SUCCESS answer. */
function om_join_call($path, array $fields)
{
    // 20 s: OpenMeetings 9 answers a wrong password only after 6 to 15 seconds.
    $request = ['body' => $fields, 'timeout' => 20];
    $answer = wp_remote_post(trailingslashit(OM_JOIN_URL) . $path, $request);
    if (is_wp_error($answer)) {
        om_join_fail(502, 'network', 'OpenMeetings did not answer');
    }
    $status = wp_remote_retrieve_response_code($answer);
    $result = json_decode(wp_remote_retrieve_body($answer), true)['serviceResult'] ?? null;
    if ($status !== 200 || ($result['type'] ?? '') !== 'SUCCESS') {
        $key = $result['message'] ?? "HTTP $status";
        om_join_fail(502, 'om-error', "OpenMeetings refused: $key");
    }

    return (string) $result['message'];
}

function om_join_fail($status, $code, $message, $field = null)
{
    wp_send_json(['error' => array_filter(compact('code', 'message', 'field'))], $status);
}
