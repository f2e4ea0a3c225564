/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo-server-errors"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "pb-demo-server.h"
#include "pb-test-http.h"
#include "pb-test-util.h"

/* The demo server refuses what the API refuses, fails when told to, answers late when told to,
 * and starts and stops cleanly, also as the plugboard-demo-server program. */

static void
test_unauthorized (PbTestDemo    *f,
                   gconstpointer  user_data)
{
  g_autofree char *url = NULL;

  url = g_strconcat (f->base, "/v2/connections", NULL);

  {
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "GET", url, NULL, NULL, NULL);

    pb_test_assert_api_error (answer, 401);
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "GET", url, "not-the-token",
                                                        NULL, NULL);

    pb_test_assert_api_error (answer, 401);
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "GET", url,
                                                        PB_TEST_DEMO_TOKEN "x", NULL, NULL);

    pb_test_assert_api_error (answer, 401);
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "POST", url, "wrong",
                                                        "application/json", "{\"name\":\"x\"}");

    pb_test_assert_api_error (answer, 401);
    g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "GET", url, PB_TEST_DEMO_TOKEN,
                                                        NULL, NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }

  /* A new token replaces the old one. */
  pb_demo_server_set_token (f->server, "another-token");
  g_assert_cmpstr (pb_demo_server_get_token (f->server), ==, "another-token");
  {
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "GET", url, PB_TEST_DEMO_TOKEN,
                                                        NULL, NULL);
    g_autoptr(PbTestAnswer) answer2 = pb_test_http_send (f->session, "GET", url, "another-token",
                                                         NULL, NULL);

    pb_test_assert_api_error (answer, 401);
    g_assert_cmpuint (answer2->status, ==, 200);
  }
}

static void
test_methods (PbTestDemo    *f,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *path = NULL;

  all = pb_test_demo_fetch_all (f);
  path = g_strconcat ("/v2/connections/", pb_test_json_string (g_ptr_array_index (all, 0), "ref"),
                      NULL);

  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "DELETE", path, NULL);

    pb_test_assert_api_error (answer, 405);
    g_assert_cmpstr (answer->allow, ==, "GET, PUT");
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "PATCH", "/v2/connections", "{}");

    pb_test_assert_api_error (answer, 405);
    g_assert_cmpstr (answer->allow, ==, "GET, POST");
  }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "DELETE",
                                                           "/v2/connections/testConnection", NULL);

    pb_test_assert_api_error (answer, 405);
  }
  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);

  /* Odd addresses are “not found”, never a crash. */
  {
    const char *paths[] = { "/", "/v2", "/v2/connections/a/b", "/v2/connections/%2F",
                            "/v2/connections/%E2%80%9C" };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", paths[i], NULL);

        pb_test_assert_api_error (answer, 404);
      }
  }

  /* A ref percent-encoded in the path is found. */
  {
    g_autoptr(PbTestAnswer) answer = NULL;
    g_autoptr(GString) encoded = g_string_new ("/v2/connections/");
    const char *ref = pb_test_json_string (g_ptr_array_index (all, 1), "ref");

    for (const char *p = ref; *p; p++)
      g_string_append_printf (encoded, "%%%02X", (guchar) *p);
    answer = pb_test_demo_request (f, "GET", encoded->str, NULL);
    g_assert_cmpuint (answer->status, ==, 200);
    g_assert_cmpstr (pb_test_json_string (pb_test_answer_object (answer), "ref"), ==, ref);
  }
}

static void
test_fail_next (PbTestDemo    *f,
                gconstpointer  user_data)
{
  guint before;

  before = pb_demo_server_get_n_requests (f->server);

  pb_demo_server_fail_next (f->server, 503, NULL, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);

      pb_test_assert_api_error (answer, 503);
    }
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }

  /* A body of one's own, even one that is not JSON. */
  pb_demo_server_fail_next (f->server, 502, "<html><body>Bad gateway</body></html>", 1);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);
    gsize length;
    const char *data = g_bytes_get_data (answer->body, &length);

    g_assert_cmpuint (answer->status, ==, 502);
    g_assert_cmpstr (answer->content_type, ==, "text/html");
    g_assert_cmpmem (data, length, "<html><body>Bad gateway</body></html>", 37);
    g_assert_null (answer->root);
  }

  /* It applies even to requests that would be refused anyway; count 0 clears it. */
  pb_demo_server_fail_next (f->server, 429, NULL, 3);
  {
    g_autofree char *url = g_strconcat (f->base, "/v2/connections", NULL);
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (f->session, "GET", url, NULL, NULL, NULL);

    pb_test_assert_api_error (answer, 429);
  }
  pb_demo_server_fail_next (f->server, 0, NULL, 0);
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }

  g_assert_cmpuint (pb_demo_server_get_n_requests (f->server), ==, before + 6);
}

static void
test_latency (PbTestDemo    *f,
              gconstpointer  user_data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", PB_TEST_DEMO_TOKEN, NULL);
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 start;

  url = g_strconcat (f->base, "/v2/connections", NULL);

  /* A very slow answer does not block the loop: a timer still fires meanwhile. */
  pb_demo_server_set_latency (f->server, 60 * 1000);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    pb_test_waiter_cb, &waiter);
  pb_test_spin (50);
  g_assert_null (waiter.result);
  g_assert_cmpuint (pb_demo_server_get_n_requests (f->server), ==, 1);

  /* Giving up on it is fine for the server. */
  g_cancellable_cancel (cancellable);
  body = soup_session_send_and_read_finish (f->session, pb_test_waiter_wait (&waiter), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (body);
  g_clear_error (&error);
  pb_test_waiter_clear (&waiter);

  /* A short latency delays the answer at least that long. */
  pb_demo_server_set_latency (f->server, 200);
  start = g_get_monotonic_time ();
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  }

  /* Errors are delayed too, and stopping with an answer held back is fine. */
  {
    g_autoptr(PbTestAnswer) answer =
      pb_test_http_send (f->session, "GET", url, "wrong", NULL, NULL);

    pb_test_assert_api_error (answer, 401);
  }

  pb_demo_server_set_latency (f->server, 60 * 1000);
  {
    g_autoptr(SoupMessage) pending = soup_message_new ("GET", url);

    soup_session_send_and_read_async (f->session, pending, G_PRIORITY_DEFAULT, NULL,
                                      pb_test_waiter_cb, &waiter);
    pb_test_spin (50);

    pb_demo_server_stop (f->server);
    g_assert_null (pb_demo_server_get_base_url (f->server));
    soup_session_abort (f->session);
    g_clear_pointer (&body, g_bytes_unref);
    body = soup_session_send_and_read_finish (f->session, pb_test_waiter_wait (&waiter), NULL);
  }
}

/* {{{ Refusing before the body is read */

/* 1.5 GB: what a request may announce and never send. */
#define HUGE_LENGTH "1610612736"

/* A request written by hand on a socket of its own, in a thread: the server answers on this
 * thread's main context. Its connection is read to its end, so the request must end it
 * (refused requests are answered with Connection: close; others ask for it). */
typedef struct
{
  guint    port;
  char    *head;       /* request line and headers, without the empty line */
  GBytes  *body;       /* sent right after the head; NULL: none */
  GString *answer;
  GError  *error;
  gint     done;
} RawRequest;

static gpointer
raw_request_thread (gpointer user_data)
{
  RawRequest *raw = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *head = g_strconcat (raw->head, "\r\n\r\n", NULL);
  GOutputStream *output;
  GInputStream *input;
  char buffer[4096];
  gssize n_read;

  /* Past this, a server waiting for the rest of the body fails the test. */
  g_socket_client_set_timeout (client, 20);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", raw->port, NULL,
                                                &raw->error);
  if (connection == NULL)
    goto out;

  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (output, head, strlen (head), NULL, NULL, &raw->error))
    goto out;
  if (raw->body != NULL
      && !g_output_stream_write_all (output, g_bytes_get_data (raw->body, NULL),
                                     g_bytes_get_size (raw->body), NULL, NULL, &raw->error))
    goto out;

  while ((n_read = g_input_stream_read (input, buffer, sizeof buffer, NULL, &raw->error)) > 0)
    g_string_append_len (raw->answer, buffer, n_read);

out:
  g_atomic_int_set (&raw->done, 1);
  g_main_context_wakeup (NULL);

  return NULL;
}

static gboolean
raw_request_is_done (gpointer data)
{
  RawRequest *raw = data;

  return g_atomic_int_get (&raw->done);
}

/* Sends `head` and `body`, and returns the whole answer; fails the test when the connection
 * fails. */
static GString *
raw_request_full (PbTestDemo *f,
                  const char *head,
                  GBytes     *body)
{
  RawRequest raw = { 0 };
  GThread *thread;

  raw.port = pb_demo_server_get_port (f->server);
  raw.head = g_strdup (head);
  raw.body = body;
  raw.answer = g_string_new (NULL);

  thread = g_thread_new ("raw-request", raw_request_thread, &raw);
  pb_test_wait_until (raw_request_is_done, &raw, "the raw request");
  g_thread_join (thread);

  g_assert_no_error (raw.error);
  g_free (raw.head);

  return raw.answer;
}

static GString *
raw_request (PbTestDemo *f,
             const char *head,
             const char *body)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return raw_request_full (f, head, bytes);
}

/* The request head with "%u" replaced by the server's port, "%o" by another, lines joined. */
static char *
raw_head (PbTestDemo *f,
          const char *first,
          ...) G_GNUC_NULL_TERMINATED;

static char *
raw_head (PbTestDemo *f,
          const char *first,
          ...)
{
  g_autoptr(GString) head = g_string_new (NULL);
  guint number = pb_demo_server_get_port (f->server);
  g_autofree char *port = g_strdup_printf ("%u", number);
  g_autofree char *other = g_strdup_printf ("%u", number < G_MAXUINT16 ? number + 1 : number - 1);
  va_list args;

  va_start (args, first);
  for (const char *line = first; line != NULL; line = va_arg (args, const char *))
    {
      if (head->len > 0)
        g_string_append (head, "\r\n");
      g_string_append (head, line);
    }
  va_end (args);

  g_string_replace (head, "%u", port, 0);
  g_string_replace (head, "%o", other, 0);
  return g_string_free (g_steal_pointer (&head), FALSE);
}

/* Reads a raw answer into a PbTestAnswer, so that the checks of the other tests apply. */
static PbTestAnswer *
parse_raw_answer (GString *raw)
{
  PbTestAnswer *answer = g_new0 (PbTestAnswer, 1);
  const char *end = strstr (raw->str, "\r\n\r\n");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *body;
  gsize body_length;

  g_assert_nonnull (end);
  g_assert_true (soup_headers_parse_response (raw->str, end + 2 - raw->str, headers, NULL,
                                              &answer->status, NULL));
  answer->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  answer->allow = g_strdup (soup_message_headers_get_one (headers, "Allow"));

  body = end + 4;
  body_length = raw->len - (body - raw->str);
  answer->body = g_bytes_new (body, body_length);
  /* The length it announces is the length it sent. */
  g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, body_length);
  if (body_length > 0 && json_parser_load_from_data (parser, body, body_length, NULL))
    answer->root = json_parser_steal_root (parser);

  return answer;
}

/* The raw answer's API error for `status`; a refusal ends the connection. */
static void
assert_raw_refusal (GString *raw,
                    guint    status,
                    gint64   code)
{
  g_autoptr(PbTestAnswer) answer = parse_raw_answer (raw);

  pb_test_assert_api_error (answer, status);
  g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "code"), ==, code);
  g_assert_nonnull (strstr (raw->str, "\r\nConnection: close\r\n"));
}

static void
test_early_unauthorized (PbTestDemo    *f,
                         gconstpointer  user_data)
{
  /* 1.5 GB announced, a few bytes sent: the answer comes without the rest. */
  {
    g_autofree char *head = raw_head (f, "POST /v2/connections HTTP/1.1",
                                      "Host: 127.0.0.1:%u",
                                      "Content-Type: application/json",
                                      "Content-Length: " HUGE_LENGTH, NULL);
    g_autoptr(GString) answer = raw_request (f, head, "{\"name\":");

    assert_raw_refusal (answer, 401, 4011);
    g_assert_nonnull (strstr (answer->str, "\r\nWWW-Authenticate: Bearer\r\n"));
  }
  /* The same with a wrong token, and chunked. */
  {
    g_autofree char *head = raw_head (f, "PUT /v2/connections/x HTTP/1.1",
                                      "Host: 127.0.0.1:%u",
                                      "Authorization: Bearer wrong",
                                      "Transfer-Encoding: chunked", NULL);
    g_autoptr(GString) answer = raw_request (f, head, "10000\r\n{\"name\":");

    assert_raw_refusal (answer, 401, 4011);
  }
  /* A client that waits for "100 Continue" gets the refusal instead. */
  {
    g_autofree char *head = raw_head (f, "POST /v2/connections HTTP/1.1",
                                      "Host: 127.0.0.1:%u",
                                      "Expect: 100-continue",
                                      "Content-Length: " HUGE_LENGTH, NULL);
    g_autoptr(GString) answer = raw_request (f, head, NULL);

    g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 401 "));
    assert_raw_refusal (answer, 401, 4011);
  }

  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);
  g_assert_cmpuint (pb_demo_server_get_n_requests (f->server), ==, 3);

  /* The server serves on. */
  {
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "GET", "/v2/connections", NULL);

    g_assert_cmpuint (answer->status, ==, 200);
  }
}

static void
test_early_too_large (PbTestDemo    *f,
                      gconstpointer  user_data)
{
  g_autofree char *limit = g_strdup_printf ("%u", (guint) PB_DEMO_SERVER_MAX_REQUEST_SIZE);

  /* Announced: refused at once, with a token too. */
  {
    g_autofree char *head = raw_head (f, "POST /v2/connections HTTP/1.1",
                                      "Host: 127.0.0.1:%u",
                                      "Authorization: Bearer " PB_TEST_DEMO_TOKEN,
                                      "Content-Type: application/json",
                                      "Content-Length: " HUGE_LENGTH, NULL);
    g_autoptr(GString) answer = raw_request (f, head, "{\"name\":");

    assert_raw_refusal (answer, 413, 4131);
  }

  /* Through libsoup, whose client sends its whole body before it reads: the server takes
   * (and drops) the rest after answering, so the client reads the answer, not a reset. */
  {
    g_autofree char *body = g_strnfill (PB_DEMO_SERVER_MAX_REQUEST_SIZE + 1, ' ');
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "PUT", "/v2/connections/x", body);

    pb_test_assert_api_error (answer, 413);
    g_assert_nonnull (strstr (pb_test_json_string (pb_test_answer_object (answer),
                                                   "developerMessage"), limit));
  }

  /* At the limit, the body is read (and is not JSON). */
  {
    g_autofree char *body = g_strnfill (PB_DEMO_SERVER_MAX_REQUEST_SIZE, ' ');
    g_autoptr(PbTestAnswer) answer = pb_test_demo_request (f, "POST", "/v2/connections", body);

    pb_test_assert_api_error (answer, 400);
    g_assert_cmpint (pb_test_json_int (pb_test_answer_object (answer), "code"), ==, 4003);
  }

  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 24);
}

/* A chunked body announces nothing: it is counted while read, and refused past the limit
 * without waiting for its end. */
static void
test_early_chunked (PbTestDemo    *f,
                    gconstpointer  user_data)
{
  g_autofree char *head = raw_head (f, "POST /v2/connections HTTP/1.1",
                                    "Host: 127.0.0.1:%u",
                                    "Authorization: Bearer " PB_TEST_DEMO_TOKEN,
                                    "Content-Type: application/json",
                                    "Transfer-Encoding: chunked",
                                    "Connection: close", NULL);
  const gsize chunk_size = 64 * 1024;
  g_autofree char *chunk = g_strnfill (chunk_size, ' ');
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  /* Past the limit by one chunk, and never ended. */
  for (gsize sent = 0; sent <= PB_DEMO_SERVER_MAX_REQUEST_SIZE; sent += chunk_size)
    g_string_append_printf (body, "%" G_GSIZE_MODIFIER "x\r\n%s\r\n", chunk_size, chunk);
  bytes = g_string_free_to_bytes (g_steal_pointer (&body));
  {
    g_autoptr(GString) answer = raw_request_full (f, head, bytes);

    assert_raw_refusal (answer, 413, 4131);
  }

  /* A small chunked body is read as any other. */
  {
    const char *json = "{\"name\":\"Chunked\",\"auth\":{\"authType\":\"NONE\"},"
                       "\"request\":{\"requestType\":\"GET\","
                       "\"connectionUrl\":\"https://example.com\"},"
                       "\"systemType\":\"DATA_SYSTEM\"}";
    g_autofree char *chunked = g_strdup_printf ("%x\r\n%s\r\n0\r\n\r\n",
                                                (guint) strlen (json), json);
    g_autoptr(GString) raw = raw_request (f, head, chunked);
    g_autoptr(PbTestAnswer) answer = parse_raw_answer (raw);

    g_assert_cmpuint (answer->status, ==, 201);
    g_assert_cmpstr (pb_test_json_string (pb_test_answer_object (answer), "name"), ==, "Chunked");
  }

  g_assert_cmpuint (pb_demo_server_get_n_connections (f->server), ==, 25);
}

static void
test_early_host (PbTestDemo    *f,
                 gconstpointer  user_data)
{
  /* Requests for another address, each otherwise fine. */
  const char *misdirected[][2] = {
    { "GET /v2/connections HTTP/1.1", "Host: evil.example:%u" },
    { "GET /v2/connections HTTP/1.1", "Host: evil.example" },
    { "GET /v2/connections HTTP/1.1", "Host: 127.0.0.1:%o" },
    { "GET /v2/connections HTTP/1.1", "Host: 127.0.0.1" },
    { "GET /v2/connections HTTP/1.1", "Host: 127.0.0.2:%u" },
    { "GET /v2/connections HTTP/1.1", "Host: localhost.evil.example:%u" },
    { "GET /v2/connections HTTP/1.1", "Host: 127.0.0.1:%u\r\nHost: evil.example:%u" },
    /* The URL of the request line wins over Host. */
    { "GET http://evil.example:%u/v2/connections HTTP/1.1", "Host: 127.0.0.1:%u" },
  };
  /* Requests for its own. */
  const char *accepted[][2] = {
    { "GET /v2/connections HTTP/1.1", "Host: 127.0.0.1:%u" },
    { "GET /v2/connections HTTP/1.1", "Host: localhost:%u" },
    { "GET /v2/connections HTTP/1.1", "Host: LocalHost:%u" },
    { "GET http://127.0.0.1:%u/v2/connections HTTP/1.1", "Host: 127.0.0.1:%u" },
    /* HTTP/1.0 has no Host: the address is the one it was sent to. */
    { "GET /v2/connections HTTP/1.0", "Accept: application/json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (misdirected); i++)
    {
      g_autofree char *head = raw_head (f, misdirected[i][0], misdirected[i][1],
                                        "Authorization: Bearer " PB_TEST_DEMO_TOKEN,
                                        "Connection: close", NULL);
      g_autoptr(GString) answer = raw_request (f, head, NULL);
      g_autoptr(PbTestAnswer) parsed = parse_raw_answer (answer);

      g_test_message ("%s", head);
      pb_test_assert_api_error (parsed, 421);
      g_assert_cmpint (pb_test_json_int (pb_test_answer_object (parsed), "code"), ==, 4211);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *head = raw_head (f, accepted[i][0], accepted[i][1],
                                        "Authorization: Bearer " PB_TEST_DEMO_TOKEN,
                                        "Connection: close", NULL);
      g_autoptr(GString) answer = raw_request (f, head, NULL);
      g_autoptr(PbTestAnswer) parsed = parse_raw_answer (answer);

      g_test_message ("%s", head);
      g_assert_cmpuint (json_array_get_length (pb_test_answer_items (parsed)), ==, 10);
    }

  /* It comes first: before the token, and before a body is read. */
  {
    g_autofree char *head = raw_head (f, "POST /v2/connections HTTP/1.1",
                                      "Host: evil.example:%u",
                                      "Content-Length: " HUGE_LENGTH, NULL);
    g_autoptr(GString) answer = raw_request (f, head, "{");

    assert_raw_refusal (answer, 421, 4211);
  }

  g_assert_cmpuint (pb_demo_server_get_n_requests (f->server), ==,
                    G_N_ELEMENTS (misdirected) + G_N_ELEMENTS (accepted) + 1);
}

static gboolean
has_two_requests (gpointer data)
{
  return pb_demo_server_get_n_requests (data) >= 2;
}

/* A refusal written on the connection waits for the latency too, and stopping the server
 * while it waits ends the connection. */
static void
test_early_latency (PbTestDemo    *f,
                    gconstpointer  user_data)
{
  g_autofree char *head = raw_head (f, "POST /v2/connections HTTP/1.1",
                                    "Host: 127.0.0.1:%u",
                                    "Content-Length: " HUGE_LENGTH, NULL);
  RawRequest raw = { 0 };
  GThread *thread;
  gint64 start;

  pb_demo_server_set_latency (f->server, 200);
  start = g_get_monotonic_time ();
  {
    g_autoptr(GString) answer = raw_request (f, head, "{");

    assert_raw_refusal (answer, 401, 4011);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  }

  pb_demo_server_set_latency (f->server, 60 * 1000);
  raw.port = pb_demo_server_get_port (f->server);
  raw.head = g_strdup (head);
  raw.answer = g_string_new (NULL);
  thread = g_thread_new ("raw-request", raw_request_thread, &raw);
  pb_test_wait_until (has_two_requests, f->server, "the second request");
  pb_test_spin (50);
  g_assert_false (raw_request_is_done (&raw));

  pb_demo_server_stop (f->server);
  pb_test_wait_until (raw_request_is_done, &raw, "the end of the held-back refusal");
  g_thread_join (thread);

  /* Closed without an answer (or reset). */
  g_assert_cmpuint (raw.answer->len, ==, 0);
  g_clear_error (&raw.error);
  g_string_free (raw.answer, TRUE);
  g_free (raw.head);
}

/* }}} */

static void
test_lifecycle (void)
{
  g_autoptr(GError) error = NULL;
  PbDemoServer *server = pb_demo_server_new ();
  PbDemoServer *other = pb_demo_server_new ();
  g_autofree char *base = NULL;
  guint port;

  /* Not listening yet. */
  g_assert_null (pb_demo_server_get_base_url (server));
  g_assert_cmpuint (pb_demo_server_get_port (server), ==, 0);
  /* A random token until one is set. */
  g_assert_cmpuint (strlen (pb_demo_server_get_token (server)), >=, 20);
  g_assert_cmpstr (pb_demo_server_get_token (server), !=, pb_demo_server_get_token (other));

  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  port = pb_demo_server_get_port (server);
  base = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_cmpstr (pb_demo_server_get_base_url (server), ==, base);
  /* Starting twice is harmless. */
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_cmpuint (pb_demo_server_get_port (server), ==, port);

  /* The port is taken. */
  g_assert_false (pb_demo_server_start (other, port, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  pb_demo_server_stop (server);
  pb_demo_server_stop (server);
  g_assert_null (pb_demo_server_get_base_url (server));

  g_assert_finalize_object (other);
  g_assert_finalize_object (server);
}

typedef struct
{
  GMainContext *context;
  gint          stop;
} ThreadData;

static gpointer
run_context_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  g_main_context_push_thread_default (data->context);
  while (!g_atomic_int_get (&data->stop))
    g_main_context_iteration (data->context, TRUE);
  g_main_context_pop_thread_default (data->context);

  return NULL;
}

typedef struct
{
  const char *url;
  guint       status[2];
  guint       n_items;
} ClientData;

/* A client on a context of its own, in its own thread. */

static gpointer
run_client_thread (gpointer user_data)
{
  ClientData *data = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  SoupSession *session;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 20, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (data->status); i++)
    {
      g_autoptr(PbTestAnswer) answer = pb_test_http_send (session, "GET", data->url,
                                                          PB_TEST_DEMO_TOKEN, NULL, NULL);
      JsonNode *items;

      data->status[i] = answer->status;
      if (answer->root != NULL && JSON_NODE_HOLDS_OBJECT (answer->root)
          && (items = json_object_get_member (json_node_get_object (answer->root), "items"))
          && JSON_NODE_HOLDS_ARRAY (items))
        data->n_items = json_array_get_length (json_node_get_array (items));
    }

  soup_session_abort (session);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_assert_finalize_object (session);
  g_main_context_pop_thread_default (context);

  return NULL;
}

/* The server lives on the thread-default context of whoever created it, even when started
 * from elsewhere. Here a thread runs that context and the client runs in another thread on a
 * context of its own: nobody iterates the global default context, so a server attached to it
 * would never answer and the client would give up after its timeout. */

static void
test_creator_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ThreadData data = { context, 0 };
  ClientData client = { 0 };
  PbDemoServer *server;
  GThread *thread;

  g_main_context_push_thread_default (context);
  server = pb_demo_server_new ();
  g_main_context_pop_thread_default (context);

  pb_demo_server_set_token (server, PB_TEST_DEMO_TOKEN);
  /* Its latency timer belongs to that context too. */
  pb_demo_server_set_latency (server, 20);
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  url = g_strconcat (pb_demo_server_get_base_url (server), "/v2/connections", NULL);
  client.url = url;

  thread = g_thread_new ("demo-server", run_context_thread, &data);
  g_thread_join (g_thread_new ("client", run_client_thread, &client));

  g_atomic_int_set (&data.stop, 1);
  g_main_context_wakeup (context);
  g_thread_join (thread);

  g_assert_cmpuint (client.status[0], ==, 200);
  g_assert_cmpuint (client.status[1], ==, 200);
  g_assert_cmpuint (client.n_items, ==, 10);
  g_assert_cmpuint (pb_demo_server_get_n_requests (server), ==, 2);
  g_assert_finalize_object (server);
}

static void
test_program_signal (int signum)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "core",
                                                    "plugboard-demo-server", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rest = NULL;

  g_assert_true (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              program, "--port", "0", "--token", PB_TEST_DEMO_TOKEN, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (base == NULL)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
      const char *url;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      url = strstr (line, "http://127.0.0.1:");
      if (url != NULL)
        base = g_strdup (url);
    }

  session = soup_session_new ();
  {
    g_autofree char *url = g_strconcat (base, "/v2/connections?limit=100", NULL);
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (session, "GET", url, PB_TEST_DEMO_TOKEN,
                                                        NULL, NULL);

    g_assert_cmpuint (json_array_get_length (pb_test_answer_items (answer)), ==, 24);
  }
  {
    g_autofree char *url = g_strconcat (base, "/v2/connections", NULL);
    g_autoptr(PbTestAnswer) answer = pb_test_http_send (session, "GET", url, "wrong", NULL, NULL);

    pb_test_assert_api_error (answer, 401);
  }

  g_subprocess_send_signal (process, signum);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  rest = g_data_input_stream_read_upto (output, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rest, "Stopped after 2 requests"));
}

static void
test_program_sigterm (void)
{
  test_program_signal (SIGTERM);
}

static void
test_program_sigint (void)
{
  test_program_signal (SIGINT);
}

static void
test_program_bad_arguments (void)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "src", "core",
                                                    "plugboard-demo-server", NULL);
  const char *cases[][3] = {
    { "--port", "70000", NULL },
    { "--data", "/nonexistent/plugboard/data.json", NULL },
    { "--latency", "-5", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                  | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                  program, cases[i][0], cases[i][1], NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
      /* It says why. */
      g_assert_cmpstr (err, !=, "");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  PB_TEST_DEMO_ADD ("/demo-server/unauthorized", test_unauthorized);
  PB_TEST_DEMO_ADD ("/demo-server/methods", test_methods);
  PB_TEST_DEMO_ADD ("/demo-server/fail-next", test_fail_next);
  PB_TEST_DEMO_ADD ("/demo-server/latency", test_latency);
  PB_TEST_DEMO_ADD ("/demo-server/early/unauthorized", test_early_unauthorized);
  PB_TEST_DEMO_ADD ("/demo-server/early/too-large", test_early_too_large);
  PB_TEST_DEMO_ADD ("/demo-server/early/chunked", test_early_chunked);
  PB_TEST_DEMO_ADD ("/demo-server/early/host", test_early_host);
  PB_TEST_DEMO_ADD ("/demo-server/early/latency", test_early_latency);

  g_test_add_func ("/demo-server/lifecycle", test_lifecycle);
  g_test_add_func ("/demo-server/creator-context", test_creator_context);
  g_test_add_func ("/demo-server/program/sigterm", test_program_sigterm);
  g_test_add_func ("/demo-server/program/sigint", test_program_sigint);
  g_test_add_func ("/demo-server/program/bad-arguments", test_program_bad_arguments);

  return g_test_run ();
}
