/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include "pb-http.h"
#include "pb-secret.h"
#include "pb-test-network.h"
#include "test-client-util.h"

/* What the user reads when a call fails: error bodies, HTTP statuses, a connection that breaks
 * or stalls, and redirects. */

/* {{{ Error bodies */

static void
test_parse_error_message (void)
{
  static const struct {
    const char *body;
    const char *message;
  } cases[] = {
    { "{\"status\":400,\"code\":1234,\"message\":\"Connection name already exists.\","
      "\"developerMessage\":\"dup\",\"moreInfo\":\"https://example.com\"}",
      "Connection name already exists." },
    { "{\"message\":\"Only a message\"}", "Only a message" },
    { "{\"status\":404,\"moreInfoUrl\":\"https://example.com\",\"message\":\"Not here\"}",
      "Not here" },
    { "{\"message\":\"  Two\\nlines\\r\\n\\tand  spaces \"}", "Two lines and spaces" },
    { "{\"message\":\"caf\\u00e9 \\u65e5\\u672c\"}", "café 日本" },
    { "{\"status\":500}", NULL },
    { "{\"message\":\"\"}", NULL },
    { "{\"message\":\" \\n \"}", NULL },
    { "{\"message\":42}", NULL },
    { "{\"message\":null}", NULL },
    { "{\"message\":{\"text\":\"nested\"}}", NULL },
    { "[\"message\"]", NULL },
    { "\"message\"", NULL },
    { "<html><body>Bad Gateway</body></html>", NULL },
    { "{\"message\":\"cut", NULL },
    { "", NULL },
    { "{\"message\":\"bad \xff\xfe utf8\"}", NULL },
    { "\xef\xbb\xbf{\"message\":\"After a byte order mark\"}", "After a byte order mark" },
    { "{\"message\":\"pair \\ud83d\\ude00 ok\"}", "pair 😀 ok" },
    /* A lone surrogate escape reads as U+FFFD (pb-json.h). */
    { "{\"message\":\"lone \\ud83d here\"}", "lone \xef\xbf\xbd here" },
    { "{\"message\":\"lone \\ude00 here\"}", "lone \xef\xbf\xbd here" },
    { "{\"message\":\"nul\\u0000inside\"}", "nul inside" },
    { "{\"message\":\"esc \\\"q\\\" \\\\ \\/ \\u00e9\"}", "esc \"q\" \\ / é" },
    { "{\"message\":\"raw\ttab\"}", NULL },
    { "{\"message\":\"bad \\x escape\"}", NULL },
    { "{\"message\":\"first\",\"message\":\"last\"}", "last" },
    { "{\"message\":\"first\",\"message\":7}", NULL },
    { "{\"nested\":{\"message\":\"deep\"}}", NULL },
    { "{\"status\":-0.5e+3,\"code\":1E2,\"x\":[true,false,null],\"message\":\"m\"}", "m" },
    { "{\"status\":01,\"message\":\"m\"}", NULL },
    { "{\"status\":1.,\"message\":\"m\"}", NULL },
    { "{\"message\":\"m\",}", NULL },
    { "{\"message\":\"m\"} trailing", NULL },
    { "  {\"message\" : \"spaced\" }  \n", "spaced" },
    { "{\"message\":\"m\"", NULL },
    { "{'message':'single quotes'}", NULL },
    /* Bidi overrides and isolates would turn the sentence around the message. */
    { "{\"message\":\"evil \\u202etxt.exe\\u202c \\u2066x\\u2069 \\u200fend\"}",
      "evil txt.exe x end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = pb_client_parse_error_message (cases[i].body,
                                                                strlen (cases[i].body));

      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].message);
    }

  g_assert_null (pb_client_parse_error_message (NULL, 0));
}

static void
test_parse_error_message_deep (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"message\":\"ok\",\"x\":");
  g_autoptr(GString) too_deep = g_string_new ("{\"message\":\"no\",\"x\":");
  g_autofree char *message = NULL;

  /* 511 arrays inside the object: 512 levels in all, the most that is read. */
  for (guint i = 0; i < 511; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 511; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  message = pb_client_parse_error_message (deep->str, deep->len);
  g_assert_cmpstr (message, ==, "ok");

  /* Far deeper: refused, without running out of stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (too_deep, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (too_deep, ']');
  g_string_append_c (too_deep, '}');
  g_assert_null (pb_client_parse_error_message (too_deep->str, too_deep->len));
}

/* Whatever the bytes, the answer is NULL or one clean line. */
static void
test_parse_error_message_random (void)
{
  static const char *pieces[] = {
    "{", "}", "[", "]", "\"", ":", ",", "\"message\"", "\"status\"", "400", "null", "true",
    "\\n", "\\u0000", "\\ud800", "\xff", "\xc3\xa9", "\n", "\t", " ", "text", "\x01",
  };

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) body = g_string_new (round % 2 ? "{\"message\":\"" : "");
      g_autofree char *message = NULL;
      guint n = g_test_rand_int_range (0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (body, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      if (round % 4 == 1)
        g_string_append (body, "\"}");

      message = pb_client_parse_error_message (body->str, body->len);
      if (message != NULL)
        {
          g_assert_true (g_utf8_validate (message, -1, NULL));
          g_assert_cmpuint (g_utf8_strlen (message, -1), <=, 500);
          g_assert_cmpuint (strlen (message), >, 0);
          g_assert_null (strpbrk (message, "\n\r\t"));
          g_assert_false (g_ascii_isspace (message[0]));
        }
    }
}

/* An error body is JSON, not a request template, and its length is what counts. */
static void
test_parse_error_message_strict (void)
{
  static const char with_nul[] = "{\"message\":\"m\"}\0";
  static const char nul_inside[] = "{\"message\":\"a\0b\"}";
  g_autofree char *placeholder = NULL;
  g_autofree char *nul_after = NULL;
  g_autofree char *nul_in = NULL;
  g_autofree char *prefix = NULL;
  const char *template = "{\"message\":\"m\",\"x\":${y}}";

  placeholder = pb_client_parse_error_message (template, strlen (template));
  g_assert_null (placeholder);

  nul_after = pb_client_parse_error_message (with_nul, sizeof with_nul - 1);
  g_assert_null (nul_after);
  nul_in = pb_client_parse_error_message (nul_inside, sizeof nul_inside - 1);
  g_assert_null (nul_in);

  /* Only the first `length` bytes are read. */
  prefix = pb_client_parse_error_message ("{\"message\":\"m\"} and more", 15);
  g_assert_cmpstr (prefix, ==, "m");
}

static void
test_parse_error_message_long (void)
{
  g_autoptr(GString) body = g_string_new ("{\"message\":\"");
  g_autofree char *message = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (body, i % 7 == 0 ? "é" : "x");
  g_string_append (body, "\"}");

  message = pb_client_parse_error_message (body->str, body->len);
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (message, -1), ==, 500);
  g_assert_true (g_str_has_suffix (message, "…"));
}

/* }}} */
/* {{{ Status errors */

typedef struct
{
  guint          status;
  const char    *content_type;
  const char    *body;
  const char    *retry_after;
  PbClientError  code;
  const char    *server_message;
  gint64         retry;
} StatusCase;

static const char api_error_401[] =
  "{\"status\":401,\"code\":401,\"message\":\"The access token has expired.\"}";
static const char api_error_403[] =
  "{\"status\":403,\"code\":403,\"message\":\"Missing scope personalize.connections\"}";
static const char api_error_404[] =
  "{\"status\":404,\"code\":404,\"message\":\"Connection not found\","
  "\"moreInfoUrl\":\"https://doc.sitecore.com\"}";
static const char api_error_429[] =
  "{\"status\":429,\"message\":\"Rate limit exceeded\"}";
static const char api_error_500[] =
  "{\"status\":500,\"code\":5000,\"message\":\"Internal error, reference 77\","
  "\"developerMessage\":\"NullPointerException at line 12\"}";
static const char api_error_echo[] =
  "{\"status\":401,\"message\":\"Token " TOKEN " is not valid\"}";
static const char html_body[] =
  "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
  "<body><h1>Service Unavailable</h1></body></html>";

static const StatusCase status_cases[] = {
  { 401, "application/json", api_error_401, NULL, PB_CLIENT_ERROR_UNAUTHORIZED,
    "The access token has expired.", -1 },
  { 401, NULL, NULL, NULL, PB_CLIENT_ERROR_UNAUTHORIZED, NULL, -1 },
  { 401, "application/json", api_error_echo, NULL, PB_CLIENT_ERROR_UNAUTHORIZED,
    "Token … is not valid", -1 },
  { 403, "application/json", api_error_403, NULL, PB_CLIENT_ERROR_FORBIDDEN,
    "Missing scope personalize.connections", -1 },
  { 403, "text/html", html_body, NULL, PB_CLIENT_ERROR_FORBIDDEN, NULL, -1 },
  { 404, "application/json", api_error_404, NULL, PB_CLIENT_ERROR_NOT_FOUND,
    "Connection not found", -1 },
  { 404, "text/html", html_body, NULL, PB_CLIENT_ERROR_NOT_FOUND, NULL, -1 },
  { 429, "application/json", api_error_429, "7", PB_CLIENT_ERROR_RATE_LIMITED,
    "Rate limit exceeded", 7 },
  { 429, NULL, NULL, NULL, PB_CLIENT_ERROR_RATE_LIMITED, NULL, -1 },
  { 429, NULL, NULL, "soon", PB_CLIENT_ERROR_RATE_LIMITED, NULL, -1 },
  { 500, "application/json", api_error_500, NULL, PB_CLIENT_ERROR_SERVER,
    "Internal error, reference 77", -1 },
  { 500, NULL, NULL, NULL, PB_CLIENT_ERROR_SERVER, NULL, -1 },
  { 503, "text/html", html_body, "30", PB_CLIENT_ERROR_SERVER, NULL, 30 },
  { 503, "application/json", "{\"message\": \"Retry, the servers are clustered\"}", NULL,
    PB_CLIENT_ERROR_SERVER, "Retry, the servers are clustered", -1 },
  { 400, "application/json", "{\"status\":400,\"message\":\"name: required\"}", NULL,
    PB_CLIENT_ERROR_REJECTED, "name: required", -1 },
  { 409, NULL, NULL, NULL, PB_CLIENT_ERROR_REJECTED, NULL, -1 },
  { 415, "text/plain", "Unsupported Media Type", NULL, PB_CLIENT_ERROR_REJECTED, NULL, -1 },
  { 304, NULL, NULL, NULL, PB_CLIENT_ERROR_BAD_RESPONSE, NULL, -1 },
};

static void
check_status_case (const StatusCase *c,
                   const GError     *error)
{
  g_assert_error (error, PB_CLIENT_ERROR, (int) c->code);
  g_assert_cmpuint (pb_client_error_get_status (error), ==, c->status);
  g_assert_cmpint (pb_client_error_get_retry_after (error), ==, c->retry);
  g_assert_cmpstr (pb_client_error_get_server_message (error), ==, c->server_message);
  if (c->server_message != NULL)
    g_assert_nonnull (strstr (error->message, c->server_message));
  if (c->code == PB_CLIENT_ERROR_UNAUTHORIZED)
    g_assert_nonnull (strstr (error->message, "Preferences"));
  if (c->code == PB_CLIENT_ERROR_RATE_LIMITED && c->retry > 0)
    g_assert_nonnull (strstr (error->message, "7 seconds"));
  assert_clean_message (error);
}

static void
test_status_errors (ClientFixture *fixture,
                    gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;

  server->behaviour = PB_TEST_SERVER_ANSWER;

  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      const StatusCase *c = &status_cases[i];
      Result result = { 0 };
      g_autoptr(GError) copy = NULL;

      g_test_message ("status case %u: %u", i, c->status);
      server->status = c->status;
      g_free (server->content_type);
      server->content_type = g_strdup (c->content_type);
      g_free (server->body);
      server->body = g_strdup (c->body);
      g_free (server->retry_after);
      server->retry_after = g_strdup (c->retry_after);

      list_sync (client, &result, NULL);
      check_status_case (c, result.error);
      g_assert_cmpuint (result.pages->len, ==, 0);

      /* The details survive a copy (what a UI that keeps the error does). */
      copy = g_error_copy (result.error);
      check_status_case (c, copy);
      result_clear (&result);

      get_sync (client, "some-ref", &result);
      check_status_case (c, result.error);
      result_clear (&result);
    }
}

static void
test_retry_after_date (ClientFixture *fixture,
                       gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 3600);
  g_autoptr(GDateTime) earlier = g_date_time_add_seconds (now, -3600);
  Result result = { 0 };
  gint64 retry;

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 429;
  server->retry_after = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_RATE_LIMITED);
  retry = pb_client_error_get_retry_after (result.error);
  g_assert_cmpint (retry, >, 3000);
  g_assert_cmpint (retry, <=, 3600);
  result_clear (&result);

  /* A date in the past: try again right away. */
  g_free (server->retry_after);
  server->retry_after = soup_date_time_to_string (earlier, SOUP_DATE_HTTP);
  get_sync (client, "x", &result);
  g_assert_cmpint (pb_client_error_get_retry_after (result.error), ==, 0);
  result_clear (&result);
}

static void
test_bad_responses (void)
{
  static const struct {
    const char *content_type;
    const char *body;
  } cases[] = {
    { "application/json", "this is not JSON" },
    { "text/html", "<html><body>Welcome to nginx!</body></html>" },
    { "application/json", "{\"items\": [" },
    { "application/json", "" },
    { NULL, NULL },
    { "application/json", "null" },
    { "application/json", "{\"items\": 5}" },
  };
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result result = { 0 };

      g_test_message ("bad response %u", i);
      g_free (server->content_type);
      server->content_type = g_strdup (cases[i].content_type);
      g_free (server->body);
      server->body = g_strdup (cases[i].body);

      list_sync (client, &result, NULL);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
      g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
      g_assert_null (pb_client_error_get_server_message (result.error));
      assert_clean_message (result.error);
      result_clear (&result);

      get_sync (client, "x", &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
      result_clear (&result);
    }

  pb_test_assert_finalized (client);
  pb_test_server_free (server);
}

/* What was wrong with an answer that does not parse, to show on request: the reader's
 * sentence, the content type and the start of the body, cleaned, without the token or what
 * looks secret. */
static void
test_bad_response_details (ClientFixture *fixture,
                           gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  Result result = { 0 };
  g_autoptr(GString) long_body = g_string_new ("{\"items\": [");
  const char *start;

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{\"items\": [{\"name\": \"a\nb\", \"clientSecret\": \"hunter2\", "
                           "\"echo\": \"" TOKEN "\"} oops");
  list_sync (fixture->client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_true (g_str_has_prefix (pb_client_error_get_parse_message (result.error),
                                   "The data is not valid JSON:"));
  g_assert_cmpstr (pb_client_error_get_content_type (result.error), ==, "application/json");
  start = pb_client_error_get_body_start (result.error);
  g_assert_nonnull (start);
  g_test_message ("%s", start);
  g_assert_true (g_str_has_prefix (start, "{\"items\": [{\"name\": \"a b\""));
  g_assert_null (strstr (start, "hunter2"));
  g_assert_null (strstr (start, TOKEN));
  g_assert_null (strchr (start, '\n'));
  result_clear (&result);

  /* A header's value by the name beside it, a number, an object cut short. */
  g_free (server->body);
  server->body = g_strdup ("{\"items\": [{\"customHeaders\": [{\"name\": \"X-Api-Key\", "
                           "\"value\": \"k-123\"}, {\"name\": \"Accept\", \"value\": \"a/b\"}], "
                           "\"pin\": 1, \"password\": 4242, \"auth\": {\"id\": \"x\", \"y\": 1");
  list_sync (fixture->client, &result, NULL);
  g_assert_cmpstr (pb_client_error_get_body_start (result.error), ==,
                   "{\"items\": [{\"customHeaders\": [{\"name\": \"X-Api-Key\", "
                   "\"value\": \"" PB_SECRET_MASK "\"}, {\"name\": \"Accept\", \"value\": \"a/b\"}], "
                   "\"pin\": 1, \"password\": \"" PB_SECRET_MASK "\", \"auth\": \"" PB_SECRET_MASK "\"");
  result_clear (&result);

  /* A long answer: its start, shortened. */
  for (guint i = 0; i < 100; i++)
    g_string_append (long_body, "{\"name\": \"x\"},");
  g_free (server->body);
  server->body = g_strdup (long_body->str);
  list_sync (fixture->client, &result, NULL);
  start = pb_client_error_get_body_start (result.error);
  g_assert_true (g_str_has_suffix (start, "…"));
  g_assert_cmpuint (strlen (start), <=, 200 + strlen ("…"));
  result_clear (&result);

  /* A web page: the content type says so; an empty answer has no start. */
  g_free (server->content_type);
  server->content_type = g_strdup ("text/html");
  g_free (server->body);
  server->body = g_strdup ("<html>\r\n<body>Welcome\u202e</body></html>");
  list_sync (fixture->client, &result, NULL);
  g_assert_cmpstr (pb_client_error_get_content_type (result.error), ==, "text/html");
  g_assert_cmpstr (pb_client_error_get_body_start (result.error), ==,
                   "<html> <body>Welcome</body></html>");
  result_clear (&result);

  g_free (server->body);
  server->body = g_strdup ("");
  list_sync (fixture->client, &result, NULL);
  g_assert_null (pb_client_error_get_body_start (result.error));
  result_clear (&result);

  /* Other errors have no such details. */
  server->status = 500;
  list_sync (fixture->client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  g_assert_null (pb_client_error_get_parse_message (result.error));
  g_assert_null (pb_client_error_get_body_start (result.error));
  result_clear (&result);
}

/* }}} */
/* {{{ Transport */

static void
test_truncated (ClientFixture *fixture,
                gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_TRUNCATED;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);
}

static void
test_connection_closed (ClientFixture *fixture,
                        gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_CLOSE;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 0);
  assert_clean_message (result.error);
  result_clear (&result);
}

/* The one mapping of transport failures, for the API and for the sign-in service. */
static void
test_transport_mapping (void)
{
  static const struct {
    GQuark      domain;
    int         code;
    guint       status;
    int         expected;
    const char *api;
    const char *sign_in;
  } cases[] = {
    { 0, G_IO_ERROR_TIMED_OUT, 0, PB_CLIENT_ERROR_TIMEOUT,
      "The server did not answer in time. Try again later.",
      "The sign-in service at “example.com” did not answer in time. Check the network "
      "connection and try again." },
    { 0, G_IO_ERROR_CONNECTION_REFUSED, 0, PB_CLIENT_ERROR_NETWORK,
      "The server “example.com” refused the connection. Check the server address in "
      "Preferences.",
      "Could not reach the sign-in service at “example.com”. Check the network connection "
      "and the token endpoint in Preferences." },
    { 0, G_IO_ERROR_PARTIAL_INPUT, 200, PB_CLIENT_ERROR_BAD_RESPONSE,
      "The server’s answer was cut off.",
      "The sign-in service at “example.com” did not answer with an access token. Check the "
      "token endpoint in Preferences." },
    /* Cut off before any answer: the connection broke. */
    { 0, G_IO_ERROR_PARTIAL_INPUT, 0, PB_CLIENT_ERROR_NETWORK,
      "Plugboard could not talk to the server “example.com”. Check the connection to the "
      "Internet.",
      "Could not reach the sign-in service at “example.com”. Check the network connection "
      "and the token endpoint in Preferences." },
  };

  g_autoptr(GNetworkMonitor) monitor = pb_test_network_monitor_new (TRUE);

  /* Whatever this computer's network is. */
  pb_http_set_network_monitor (monitor);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (int peer = PB_HTTP_PEER_API; peer <= PB_HTTP_PEER_SIGN_IN; peer++)
        {
          GError *error = g_error_new_literal (G_IO_ERROR, cases[i].code, "technical detail");
          g_autoptr(GError) mapped = NULL;

          mapped = pb_http_transport_error (error, peer, "example.com", cases[i].status, 0, NULL);
          g_assert_error (mapped, PB_CLIENT_ERROR, cases[i].expected);
          g_assert_cmpstr (mapped->message, ==,
                           peer == PB_HTTP_PEER_API ? cases[i].api : cases[i].sign_in);
          g_assert_cmpuint (pb_client_error_get_status (mapped), ==, cases[i].status);
        }
    }

  /* TLS: by the errors the certificate had, or by the error's domain. */
  {
    GError *error = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad");
    g_autoptr(GError) mapped = NULL;

    mapped = pb_http_transport_error (error, PB_HTTP_PEER_API, "example.com", 0,
                                      G_TLS_CERTIFICATE_EXPIRED, NULL);
    g_assert_error (mapped, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
    g_assert_cmpstr (mapped->message, ==, "The server’s certificate has expired.");
  }
  {
    GError *error = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad");
    g_autoptr(GError) mapped = NULL;

    mapped = pb_http_transport_error (error, PB_HTTP_PEER_SIGN_IN, "example.com", 0, 0, NULL);
    g_assert_error (mapped, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
    g_assert_true (g_str_has_prefix (mapped->message, "The sign-in service at “example.com” "
                                                      "could not prove its identity"));
  }
  /* A host that does not resolve, for the API. */
  {
    GError *error = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "nx");
    g_autoptr(GError) mapped = NULL;

    mapped = pb_http_transport_error (error, PB_HTTP_PEER_API, "example.com", 0, 0, NULL);
    g_assert_error (mapped, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
    g_assert_true (g_str_has_prefix (mapped->message,
                                     "The server “example.com” could not be found."));
  }
  /* No route: offline, whatever the monitor says. */
  {
    GError *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "no net");
    g_autoptr(GError) mapped = NULL;

    mapped = pb_http_transport_error (error, PB_HTTP_PEER_API, "example.com", 0, 0, NULL);
    g_assert_error (mapped, PB_CLIENT_ERROR, PB_CLIENT_ERROR_OFFLINE);
    g_assert_cmpstr (mapped->message, ==,
                     "This computer is not connected to a network, so the server “example.com” "
                     "cannot be reached. Connect to a network and try again.");
  }
  {
    GError *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "no route");
    g_autoptr(GError) mapped = NULL;

    mapped = pb_http_transport_error (error, PB_HTTP_PEER_SIGN_IN, "example.com", 0, 0, NULL);
    g_assert_error (mapped, PB_CLIENT_ERROR, PB_CLIENT_ERROR_OFFLINE);
    g_assert_nonnull (strstr (mapped->message, "the sign-in service at “example.com”"));
  }
  /* With the network down, a name that does not resolve and a timeout are offline; a refusal,
   * and any failure to reach this computer, are not. */
  pb_test_network_monitor_set_available (PB_TEST_NETWORK_MONITOR (monitor), FALSE);
  {
    static const struct {
      int         domain;
      int         code;
      const char *host;
      int         expected;
    } offline_cases[] = {
      { 0, G_RESOLVER_ERROR_NOT_FOUND, "example.com", PB_CLIENT_ERROR_OFFLINE },
      { 1, G_IO_ERROR_TIMED_OUT, "example.com", PB_CLIENT_ERROR_OFFLINE },
      { 1, G_IO_ERROR_FAILED, "example.com", PB_CLIENT_ERROR_OFFLINE },
      { 1, G_IO_ERROR_CONNECTION_REFUSED, "example.com", PB_CLIENT_ERROR_NETWORK },
      { 1, G_IO_ERROR_FAILED, "127.0.0.1", PB_CLIENT_ERROR_NETWORK },
      { 1, G_IO_ERROR_FAILED, "::1", PB_CLIENT_ERROR_NETWORK },
      { 1, G_IO_ERROR_TIMED_OUT, "localhost", PB_CLIENT_ERROR_TIMEOUT },
    };

    for (guint i = 0; i < G_N_ELEMENTS (offline_cases); i++)
      {
        GQuark domain = offline_cases[i].domain == 0 ? G_RESOLVER_ERROR : G_IO_ERROR;
        GError *error = g_error_new_literal (domain, offline_cases[i].code, "detail");
        g_autoptr(GError) mapped = NULL;

        g_test_message ("offline case %u", i);
        mapped = pb_http_transport_error (error, PB_HTTP_PEER_API, offline_cases[i].host, 0, 0,
                                          NULL);
        g_assert_error (mapped, PB_CLIENT_ERROR, offline_cases[i].expected);
        if (offline_cases[i].expected != PB_CLIENT_ERROR_TIMEOUT)
          g_assert_nonnull (strstr (mapped->message, offline_cases[i].host));
      }
  }
  pb_http_set_network_monitor (NULL);

  /* Cancellation and errors already worded pass through as they are. */
  {
    GError *cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
    GError *worded = g_error_new_literal (PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED, "no");

    g_assert_true (pb_http_transport_error (cancelled, PB_HTTP_PEER_API, "h", 0, 0, NULL)
                   == cancelled);
    g_assert_true (pb_http_transport_error (worded, PB_HTTP_PEER_SIGN_IN, "h", 0, 0, NULL)
                   == worded);
    g_error_free (cancelled);
    g_error_free (worded);
  }
}

static void
test_connection_refused (void)
{
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr(GNetworkMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  PbClient *client;
  Result result = { 0 };
  GSList *uris;

  /* A port that was free a moment ago and is closed again. */
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (soup_server);

  client = pb_client_new (base);
  pb_client_set_access_token (client, TOKEN);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 0);
  assert_clean_message (result.error);
  result_clear (&result);

  /* A server that refuses is there: not "offline", even when the monitor says so. */
  monitor = pb_test_network_monitor_new (FALSE);
  pb_http_set_network_monitor (monitor);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  {
    /* With the port of the address: a wrong port is the likely mistake. */
    g_autofree char *expected = g_strdup_printf ("“%s” refused the connection", base + 7);

    g_assert_nonnull (strstr (result.error->message, expected));
  }
  result_clear (&result);
  pb_http_set_network_monitor (NULL);

  pb_test_assert_finalized (client);
}

static void
test_timeout_headers (ClientFixture *fixture,
                      gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  g_assert_cmpuint (pb_client_get_timeout (client), ==, 30);
  pb_client_set_timeout (client, 1);
  g_assert_cmpuint (pb_client_get_timeout (client), ==, 1);

  server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  assert_clean_message (result.error);
  result_clear (&result);
}

static void
test_timeout_body (ClientFixture *fixture,
                   gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  pb_client_set_timeout (client, 1);
  server->behaviour = PB_TEST_SERVER_STALL_BODY;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  assert_clean_message (result.error);
  result_clear (&result);
}

static void
test_too_large_announced (ClientFixture *fixture,
                          gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_HUGE_LENGTH;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
  assert_clean_message (result.error);

  /* The client hung up instead of reading: the server could not send it all. */
  pb_test_wait_for_flag (&server->stream_finished);
  g_assert_cmpuint (server->written, <, PB_CLIENT_MAX_RESPONSE_SIZE);
  result_clear (&result);
}

static void
test_too_large_streamed (ClientFixture *fixture,
                         gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  /* No length announced: the client counts while reading. */
  server->behaviour = PB_TEST_SERVER_HUGE_CHUNKED;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);

  pb_test_wait_for_flag (&server->stream_finished);
  g_assert_cmpuint (server->written, >=, PB_CLIENT_MAX_RESPONSE_SIZE);
  g_assert_cmpuint (server->written, <, 2 * (guint64) PB_CLIENT_MAX_RESPONSE_SIZE);
  result_clear (&result);
}

/* }}} */
/* {{{ Redirects */

static void
test_redirect_same_origin (ClientFixture *fixture,
                           gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->redirect_from = g_strdup ("/v2/connections/old-ref");
  server->location = g_strdup ("/moved/v2/connections/new-ref");
  get_sync (client, "old-ref", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, "new-ref");
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->path, ==,
                   "/moved/v2/connections/new-ref");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* An absolute Location on the same origin, for a list. */
  g_free (server->redirect_from);
  server->redirect_from = g_strdup ("/v2/connections");
  g_free (server->location);
  server->location = g_strdup_printf ("%s/elsewhere/v2/connections?limit=100&offset=0",
                                      server->base_url);
  server->redirect_status = SOUP_STATUS_FOUND;
  server->n_items = 5;
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 5);
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->path, ==, "/elsewhere/v2/connections");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);
}

static void
test_redirect_other_origin (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbTestServer *other = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Another port is another origin. */
  server->redirect_from = g_strdup ("/v2/connections/abc");
  server->location = g_strdup_printf ("%s/v2/connections/abc", other->base_url);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED);
  g_assert_nonnull (strstr (result.error->message, "another address"));
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 307);
  assert_clean_message (result.error);
  result_clear (&result);

  /* Another scheme too (same host and port). */
  g_free (server->location);
  server->location = g_strdup_printf ("https://127.0.0.1:%u/v2/connections/abc", server->port);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED);
  result_clear (&result);

  /* A scheme-relative Location to another host:port. */
  g_free (server->location);
  server->location = g_strdup_printf ("//localhost:%u/v2/connections/abc", other->port);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED);
  result_clear (&result);

  pb_test_spin (100);
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (server->requests->len, ==, 3);

  /* A Location that is no address at all. */
  g_free (server->location);
  server->location = g_strdup ("http://[not-an-address/x");
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_server_free (other);
  pb_test_server_free (server);
}

static void
test_redirect_loop (ClientFixture *fixture,
                    gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->redirect_from = g_strdup ("/v2/connections/loop");
  server->location = g_strdup ("/v2/connections/loop");
  get_sync (client, "loop", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  /* The first request and five redirects. */
  g_assert_cmpuint (server->requests->len, ==, 6);
  result_clear (&result);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/error-body/parse", test_parse_error_message);
  g_test_add_func ("/client/error-body/long", test_parse_error_message_long);
  g_test_add_func ("/client/error-body/strict", test_parse_error_message_strict);
  g_test_add_func ("/client/error-body/random", test_parse_error_message_random);
  g_test_add_func ("/client/error-body/deep", test_parse_error_message_deep);
  client_test_add ("/client/errors/status", test_status_errors);
  client_test_add ("/client/errors/retry-after-date", test_retry_after_date);
  g_test_add_func ("/client/errors/bad-response", test_bad_responses);
  client_test_add ("/client/errors/bad-response-details", test_bad_response_details);
  client_test_add ("/client/transport/truncated", test_truncated);
  client_test_add ("/client/transport/closed", test_connection_closed);
  g_test_add_func ("/client/transport/refused", test_connection_refused);
  g_test_add_func ("/client/transport/mapping", test_transport_mapping);
  client_test_add ("/client/transport/timeout-headers", test_timeout_headers);
  client_test_add ("/client/transport/timeout-body", test_timeout_body);
  client_test_add ("/client/transport/too-large-announced", test_too_large_announced);
  client_test_add ("/client/transport/too-large-streamed", test_too_large_streamed);
  client_test_add ("/client/redirect/same-origin", test_redirect_same_origin);
  g_test_add_func ("/client/redirect/other-origin", test_redirect_other_origin);
  client_test_add ("/client/redirect/loop", test_redirect_loop);

  return g_test_run ();
}
