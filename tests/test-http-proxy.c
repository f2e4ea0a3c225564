/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-http-proxy"

#include "config.h"

#include <string.h>

#include "pb-client.h"
#include "pb-http.h"
#include "pb-http-proxy.h"
#include "pb-oauth-token.h"
#include "pb-test-server.h"
#include "pb-test-util.h"

/* Requests to this computer never go through the proxy of the environment (http_proxy), which
 * would read their bearer token or client secret; other addresses still do. The resolver of
 * the system reads the environment once, so each test that sets it runs in a child process. */

#define TOKEN "bearer-for-loopback-7c2e"
#define CLIENT_SECRET "client-secret-for-loopback-91ab"

/* A proxy that records what reaches it and answers nothing. */
typedef struct
{
  GSocketService *service;
  guint           port;
  guint           n_connections;
  GString        *received;
} FakeProxy;

static void
proxy_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GSocketConnection) connection = user_data;
  FakeProxy *proxy = g_object_get_data (G_OBJECT (connection), "proxy");
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  if (bytes != NULL)
    g_string_append_len (proxy->received, g_bytes_get_data (bytes, NULL),
                         g_bytes_get_size (bytes));

  /* Hangs up without an answer. */
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gboolean
proxy_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  FakeProxy *proxy = user_data;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  proxy->n_connections++;
  g_object_set_data (G_OBJECT (connection), "proxy", proxy);
  g_input_stream_read_bytes_async (input, 4096, G_PRIORITY_DEFAULT, NULL, proxy_read_cb,
                                   g_object_ref (connection));

  return TRUE;
}

static FakeProxy *
fake_proxy_new (void)
{
  FakeProxy *proxy = g_new0 (FakeProxy, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  proxy->received = g_string_new (NULL);
  proxy->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (proxy->service, "incoming", G_CALLBACK (proxy_incoming_cb), proxy);
  g_socket_service_start (proxy->service);

  return proxy;
}

static void
fake_proxy_free (FakeProxy *proxy)
{
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_clear_object (&proxy->service);
  g_string_free (proxy->received, TRUE);
  g_free (proxy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeProxy, fake_proxy_free)

/* Sets the proxy of the environment, before anything asks the system's resolver. */
static char *
use_proxy (FakeProxy *proxy)
{
  char *url = g_strdup_printf ("http://127.0.0.1:%u/", proxy->port);

  g_setenv ("http_proxy", url, TRUE);
  g_setenv ("HTTP_PROXY", url, TRUE);
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");

  return url;
}

/* In the parent: runs the test in a child process and checks that it passed (TRUE). In the
 * child, which may set the environment before the resolver reads it: FALSE. */
static gboolean
run_in_child (void)
{
  if (g_test_subprocess ())
    return FALSE;

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

static void
assert_lookup (GProxyResolver *resolver,
               const char     *uri,
               const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = NULL;
  PbTestWaiter waiter = { 0 };

  proxies = g_proxy_resolver_lookup (resolver, uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (proxies);
  g_assert_cmpstr (proxies[0], ==, expected);
  g_clear_pointer (&proxies, g_strfreev);

  g_proxy_resolver_lookup_async (resolver, uri, NULL, pb_test_waiter_cb, &waiter);
  proxies = g_proxy_resolver_lookup_finish (resolver, pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  g_assert_nonnull (proxies);
  g_assert_cmpstr (proxies[0], ==, expected);
  pb_test_waiter_clear (&waiter);
}

static void
test_loopback_hosts (void)
{
  static const char *const loopback[] = {
    "localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.1.2.3",
    "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1",
  };
  static const char *const elsewhere[] = {
    "", "example.com", "localhost.example.com", "api.localhost", "mylocalhost", "128.0.0.1", "10.0.0.1",
    "::2", "::ffff:10.0.0.1", "0.0.0.0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    g_assert_true (pb_http_host_is_loopback (loopback[i]));
  for (guint i = 0; i < G_N_ELEMENTS (elsewhere); i++)
    g_assert_false (pb_http_host_is_loopback (elsewhere[i]));
  g_assert_false (pb_http_host_is_loopback (NULL));
}

static void
test_resolver (void)
{
  g_autoptr(FakeProxy) proxy = NULL;
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autofree char *url = NULL;

  if (run_in_child ())
    return;

  proxy = fake_proxy_new ();
  url = use_proxy (proxy);
  resolver = pb_http_proxy_new (NULL);

  /* Elsewhere: what the system's resolver says, the proxy of the environment. */
  assert_lookup (resolver, "http://example.com", url);
  assert_lookup (resolver, "http://example.com:8080/v2/connections", url);

  /* This computer: directly. */
  assert_lookup (resolver, "http://127.0.0.1:8080", "direct://");
  assert_lookup (resolver, "http://127.0.0.1:8080/oauth/token", "direct://");
  assert_lookup (resolver, "http://[::1]:8080/v2/connections", "direct://");
  assert_lookup (resolver, "http://localhost:8080/", "direct://");
  assert_lookup (resolver, "http://LocalHost./", "direct://");

  g_assert_cmpuint (proxy->n_connections, ==, 0);
}

static gboolean
has_connection (gpointer data)
{
  return ((FakeProxy *) data)->n_connections > 0;
}

static void
test_loopback_direct (void)
{
  g_autoptr(FakeProxy) proxy = NULL;
  g_autoptr(PbTestServer) server = NULL;
  g_autoptr(PbClient) client = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupSession) plain = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *token = NULL;
  PbTestWaiter waiter = { 0 };
  PbTestRequest *request;

  if (run_in_child ())
    return;

  proxy = fake_proxy_new ();
  url = use_proxy (proxy);
  server = pb_test_server_new (FALSE);
  server->n_items = 2;
  server->token_answer = g_strdup ("{\"access_token\": \"minted\", \"expires_in\": 3600}");

  /* The API with the bearer token: to the server, not to the proxy. */
  client = pb_client_new (server->base_url);
  pb_client_set_access_token (client, TOKEN);
  pb_client_list_connections_async (client, NULL, NULL, NULL, NULL, pb_test_waiter_cb,
                                    &waiter);
  {
    g_autoptr(GPtrArray) list = NULL;

    list = pb_client_list_connections_finish (client, pb_test_waiter_wait (&waiter), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
  }
  pb_test_waiter_clear (&waiter);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);

  /* The token request with the client secret: to the token endpoint, not to the proxy. */
  session = pb_http_session_new (10);
  endpoint = g_strconcat (server->base_url, "/oauth/token", NULL);
  pb_oauth_token_request_async (session, endpoint, "client", CLIENT_SECRET, "audience", NULL,
                                pb_test_waiter_cb, &waiter);
  token = pb_oauth_token_request_finish (pb_test_waiter_wait (&waiter), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "minted");
  g_assert_cmpuint (server->n_token_requests, ==, 1);
  pb_test_waiter_clear (&waiter);

  pb_test_spin (100);
  g_assert_cmpuint (proxy->n_connections, ==, 0);
  g_assert_cmpuint (proxy->received->len, ==, 0);

  /* The control: a session with the system's resolver does send the same request to the
   * proxy, so the environment's proxy was in force above. */
  plain = soup_session_new ();
  message = soup_message_new ("GET", server->base_url);
  soup_session_send_and_read_async (plain, message, G_PRIORITY_DEFAULT, NULL, pb_test_waiter_cb,
                                    &waiter);
  pb_test_wait_until (has_connection, proxy, "a connection to the proxy");
  g_socket_service_stop (proxy->service);
  body = soup_session_send_and_read_finish (plain, pb_test_waiter_wait (&waiter), NULL);
  pb_test_waiter_clear (&waiter);
  g_assert_cmpuint (proxy->n_connections, ==, 1);
  g_assert_true (g_str_has_prefix (proxy->received->str, "GET http://127.0.0.1:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/proxy/loopback-hosts", test_loopback_hosts);
  g_test_add_func ("/http/proxy/resolver", test_resolver);
  g_test_add_func ("/http/proxy/loopback-direct", test_loopback_direct);

  return g_test_run ();
}
