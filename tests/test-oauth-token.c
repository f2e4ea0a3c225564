/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "pb-http.h"
#include "pb-oauth-token.h"
#include "pb-test-server.h"
#include "test-account-util.h"

/* Minting tokens with an API key at the token endpoint, and pasted tokens. */

/* Tokens */

static void
test_token_client_credentials (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  token = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "token-1");
  g_assert_cmpuint (ts->n_requests, ==, 1);

  /* Exactly what the documentation asks for, in a POST form body. */
  g_assert_cmpstr (ts->method, ==, "POST");
  g_assert_cmpstr (ts->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_null (ts->authorization);
  g_assert_cmpuint (g_hash_table_size (ts->form), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_id"), ==, "client-one");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_secret"), ==, secret);
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "audience"), ==,
                   "https://api.sitecorecloud.io");

  /* Reused until it is about to expire: no second request. */
  again = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "token-1");
  g_assert_cmpuint (ts->n_requests, ==, 1);

  /* A non-standard tenant: the audience goes as set. */
  pb_account_set_audience (account, "https://api.example.test");
  g_clear_pointer (&again, g_free);
  again = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "token-2");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "audience"), ==, "https://api.example.test");

  g_assert_finalize_object (g_steal_pointer (&account));
}

static void
test_token_expiry (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  /* It lives 1 s: less than the renewal margin is left at once, so the next call renews. */
  ts->expires_in = 1;
  first = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "token-1");

  second = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "token-2");
  g_assert_cmpuint (ts->n_requests, ==, 2);

  /* A long-lived one is kept. */
  ts->expires_in = 900;
  pb_account_forget_token (account);
  g_clear_pointer (&first, g_free);
  first = get_token (account, FALSE, &error);
  g_assert_cmpstr (first, ==, "token-3");
  third = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, "token-3");
  g_assert_cmpuint (ts->n_requests, ==, 3);

  /* Without expires_in, it is used until the API refuses it. */
  g_free (ts->body);
  ts->body = g_strdup ("{\"access_token\": \"no-expiry\"}");
  pb_account_forget_token (account);
  g_clear_pointer (&third, g_free);
  third = get_token (account, FALSE, &error);
  g_assert_cmpstr (third, ==, "no-expiry");
  g_clear_pointer (&third, g_free);
  third = get_token (account, FALSE, &error);
  g_assert_cmpstr (third, ==, "no-expiry");
  g_assert_cmpuint (ts->n_requests, ==, 4);
}

static void
test_token_renew (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *kept = NULL;

  first = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "token-1");

  /* The API answered 401: one new token. */
  renewed = get_token (account, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed, ==, "token-2");
  g_assert_cmpuint (ts->n_requests, ==, 2);

  kept = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "token-2");
  g_assert_cmpuint (ts->n_requests, ==, 2);
}

static void
test_token_concurrent (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_auto(PbTestWaiter) waiter1 = { 0 };
  g_auto(PbTestWaiter) waiter2 = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *token1 = NULL;
  g_autofree char *token2 = NULL;

  /* Several requests of the client at once share one token request. */
  pb_token_source_get_token_async (PB_TOKEN_SOURCE (account), FALSE, NULL,
                                   pb_test_waiter_cb, &waiter1);
  pb_token_source_get_token_async (PB_TOKEN_SOURCE (account), FALSE, NULL,
                                   pb_test_waiter_cb, &waiter2);
  token1 = pb_token_source_get_token_finish (PB_TOKEN_SOURCE (account),
                                             pb_test_waiter_wait (&waiter1), &error);
  g_assert_no_error (error);
  token2 = pb_token_source_get_token_finish (PB_TOKEN_SOURCE (account),
                                             pb_test_waiter_wait (&waiter2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token1, ==, "token-1");
  g_assert_cmpstr (token2, ==, "token-1");
  g_assert_cmpuint (ts->n_requests, ==, 1);
}

static void
test_token_refused (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("wrong-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  guint statuses[] = { 401, 400, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;

      ts->status = statuses[i];
      g_free (ts->body);
      ts->body = g_strdup ("{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");
      token = get_token (account, FALSE, &error);
      g_assert_null (token);
      g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
      g_assert_cmpstr (error->message, ==,
                       "The sign-in service refused the API key: “Unauthorized”. Check the "
                       "client ID and client secret in Preferences.");
      g_assert_null (strstr (error->message, secret));
    }

  /* A server that repeats the secret back: the message leaves it out. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    g_free (ts->body);
    ts->body = g_strdup_printf ("{\"error_description\":\"bad secret %s\"}", secret);
    token = get_token (account, FALSE, &error);
    g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
    g_assert_null (strstr (error->message, secret));
    g_assert_cmpstr (error->message, ==,
                     "The sign-in service refused the API key. Check the client ID and client "
                     "secret in Preferences.");
  }

  /* Not JSON at all. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    g_free (ts->body);
    ts->body = g_strdup ("<html>nope</html>");
    token = get_token (account, FALSE, &error);
    g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  }

  /* Once the secret is right again, it works. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    ts->status = 200;
    g_clear_pointer (&ts->body, g_free);
    token = get_token (account, FALSE, &error);
    g_assert_no_error (error);
    g_assert_nonnull (token);
  }
}

static void
test_token_bad_answers (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  struct {
    guint status;
    const char *body;
    int code;
  } cases[] = {
    { 200, "not json", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "[]", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "{\"access_token\": 42}", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "{\"access_token\": \"\"}", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "{\"token\": \"x\"}", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 500, "{\"error\":\"server_error\"}", PB_CLIENT_ERROR_SERVER },
    { 503, NULL, PB_CLIENT_ERROR_SERVER },
    { 429, NULL, PB_CLIENT_ERROR_RATE_LIMITED },
    { 404, NULL, PB_CLIENT_ERROR_REJECTED },
    /* A redirect is not followed: the secret would be sent on to another address. */
    { 307, NULL, PB_CLIENT_ERROR_REDIRECTED },
    { 302, NULL, PB_CLIENT_ERROR_REDIRECTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;
      guint before = ts->n_requests;

      g_test_message ("status %u, body %s", cases[i].status, cases[i].body);
      ts->status = cases[i].status;
      g_free (ts->body);
      ts->body = g_strdup (cases[i].body);
      token = get_token (account, FALSE, &error);
      g_assert_null (token);
      g_assert_error (error, PB_CLIENT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));
      g_assert_null (strstr (error->message, secret));
      g_assert_cmpuint (ts->n_requests, ==, before + 1);
    }

  /* expires_in as a string or a number with a fraction is read too. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    ts->status = 200;
    g_free (ts->body);
    ts->body = g_strdup ("{\"access_token\": \"odd\", \"expires_in\": \"900\", "
                         "\"token_type\": \"bearer\"}");
    token = get_token (account, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (token, ==, "odd");
    g_clear_pointer (&token, g_free);
    token = get_token (account, FALSE, &error);
    g_assert_cmpstr (token, ==, "odd");
    g_assert_cmpuint (ts->n_requests, ==, G_N_ELEMENTS (cases) + 1);
  }

  /* Lifetimes that do not fit an integer (found by fuzz-token): the token is still used, and
   * nothing overflows (UBSan would say so). */
  {
    static const char *const lifetimes[] = { "-1e999", "1e999", "9223372036854775807" };

    for (guint i = 0; i < G_N_ELEMENTS (lifetimes); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *token = NULL;

        pb_account_forget_token (account);
        g_free (ts->body);
        ts->body = g_strdup_printf ("{\"access_token\": \"odd-%u\", \"expires_in\": %s}",
                                    i, lifetimes[i]);
        token = get_token (account, FALSE, &error);
        g_assert_no_error (error);
        g_assert_nonnull (token);
        g_assert_true (g_str_has_prefix (token, "odd-"));
      }
  }
}

/* A token from the misbehaving server's /oauth/token, waited for. */
static char *
request_token (SoupSession   *session,
               PbTestServer  *server,
               const char    *secret,
               GError       **error)
{
  g_autofree char *endpoint = g_strconcat (server->base_url, "/oauth/token", NULL);
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_oauth_token_request_async (session, endpoint, "client-one", secret, NULL, NULL,
                                pb_test_waiter_cb, &waiter);
  return pb_oauth_token_request_finish (pb_test_waiter_wait (&waiter), NULL, error);
}

static void
test_token_huge_answers (void)
{
  const PbTestServerBehaviour behaviours[] = {
    PB_TEST_SERVER_HUGE_LENGTH,  /* announces 100 MiB */
    PB_TEST_SERVER_HUGE_CHUNKED, /* 1 MiB chunks without end */
  };

  for (guint i = 0; i < G_N_ELEMENTS (behaviours); i++)
    {
      g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
      g_autofree char *secret = random_secret ("client-secret");
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();
      /* Kept until the end: a session going away would close the connection by itself. */
      g_autoptr(SoupSession) session = pb_http_session_new (30);

      server->behaviour = behaviours[i];
      token = request_token (session, server, secret, &error);
      g_assert_null (token);
      g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));

      /* It hung up instead of reading on: the server could send only the start. */
      pb_test_wait_for_flag (&server->stream_finished);
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
      g_assert_cmpuint (server->written, <=, 4 * 1024 * 1024);
    }
}

static void
test_token_hostile_error_text (void)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(SoupSession) session = pb_http_session_new (30);

  /* An escape sequence, a newline, a right-to-left override and 100 KB more. */
  g_string_append (body, "{\"error\": \"invalid_client\", \"error_description\": "
                         "\"\\u001b[31mBad client\\n\\u0007\\u202eterces\\u202c \u2066x\u2069");
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (body, i % 2 == 0 ? 'y' : ' ');
  g_string_append (body, "\"}");

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 401;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup (body->str);

  token = request_token (session, server, secret, &error);
  g_assert_null (token);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_test_message ("%s", error->message);

  /* What the server said is there, on one line, in the direction of the sentence. */
  g_assert_nonnull (strstr (error->message, "[31mBad client terces x"));
  for (const char *p = error->message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_false (c == 0x202E || c == 0x202C || c == 0x2066 || c == 0x2069);
    }
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 800);
  g_assert_nonnull (strstr (error->message, "…"));
}

static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
test_token_endpoint_down (void)
{
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Down", "client", secret);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/oauth/token", closed_port ());
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  pb_account_set_token_endpoint (account, url);
  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not reach the sign-in service at “127.0.0.1:"));
  g_assert_null (strstr (error->message, secret));
}

/* An answer that breaks off, or none at all: worded as for the API, about the sign-in service. */
static void
test_token_broken_answers (void)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Broken", "client", secret);
  g_autofree char *url = g_strconcat (server->base_url, "/oauth/token", NULL);
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autofree char *cut_off = NULL;
  g_autofree char *unreachable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  cut_off = g_strdup_printf ("The sign-in service at “%s” did not answer with an access "
                             "token. Check the token endpoint in Preferences.", host);
  unreachable = g_strdup_printf ("Could not reach the sign-in service at “%s”. Check the "
                                 "network connection and the token endpoint in Preferences.",
                                 host);
  pb_account_set_token_endpoint (account, url);

  /* Headers, then less of the body than announced. */
  server->behaviour = PB_TEST_SERVER_TRUNCATED;
  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (error->message, ==, cut_off);
  g_assert_cmpuint (pb_client_error_get_status (error), ==, 200);
  g_clear_error (&error);

  /* The connection closes without a word. */
  server->behaviour = PB_TEST_SERVER_CLOSE;
  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, unreachable);
  g_assert_null (strstr (error->message, secret));
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==, "/oauth/token");
}

static void
test_token_pasted (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *pasted = random_secret ("pasted-token");

  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_token_endpoint (account, ts->url);

  /* None yet. */
  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, "Paste an access token.");
  g_clear_error (&error);

  pb_account_set_secret (account, pasted);
  token = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, pasted);

  /* Refused by the API: nothing can renew it; the user is told what to do. */
  renewed = get_token (account, TRUE, &error);
  g_assert_null (renewed);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "The access token expired or was refused. Paste a new one in Preferences.");
  g_assert_null (strstr (error->message, pasted));

  /* The token endpoint is never asked. */
  g_assert_cmpuint (ts->n_requests, ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  self_path = g_canonicalize_filename (argv[0], NULL);

  test_account_init (&argc, &argv);

  g_test_add_func ("/account/token/client-credentials", test_token_client_credentials);
  g_test_add_func ("/account/token/expiry", test_token_expiry);
  g_test_add_func ("/account/token/renew", test_token_renew);
  g_test_add_func ("/account/token/concurrent", test_token_concurrent);
  g_test_add_func ("/account/token/refused", test_token_refused);
  g_test_add_func ("/account/token/bad-answers", test_token_bad_answers);
  g_test_add_func ("/account/token/endpoint-down", test_token_endpoint_down);
  g_test_add_func ("/account/token/broken-answers", test_token_broken_answers);
  g_test_add_func ("/account/token/huge-answers", test_token_huge_answers);
  g_test_add_func ("/account/token/hostile-error-text", test_token_hostile_error_text);
  g_test_add_func ("/account/token/pasted", test_token_pasted);
  /* Last: looks at the log of everything above. */
  g_test_add_func ("/account/token/secret-not-in-own-logs", test_secret_not_in_own_logs);

  return g_test_run ();
}
