/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-connection.h"
#include "pb-demo-server.h"
#include "pb-test-server.h"
#include "pb-token-source.h"

/* The client against the misbehaving test server (tests/pb-test-server.c), whose behaviour
 * each test switches, and at the end against the demo server. */

#define TOKEN        "secret-token-4f1d9a"
#define WAIT_LIMIT   60 /* seconds: only reached when something is broken */

/* {{{ Main loop helpers */

static gboolean
wait_limit_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *flag is TRUE; fails the test when that takes unreasonably long. */
static void
wait_for (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_LIMIT, wait_limit_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets pending callbacks run (never needed for correctness of an assertion that passes). */
static void
spin (guint milliseconds)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (milliseconds, wait_limit_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void) id;
}

/* Drops the last reference to `object` and checks that it is freed once pending callbacks
 * (cancelled requests ahead of the end of a list) have run. */
static void
assert_finalized (gpointer object)
{
  gpointer weak = object;
  gboolean timed_out = FALSE;
  guint id;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);

  id = g_timeout_add_seconds (WAIT_LIMIT, wait_limit_cb, &timed_out);
  while (weak != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (weak);
  g_source_remove (id);
}

/* }}} */
/* {{{ Calls and their results */

typedef struct
{
  gboolean      done;
  GError       *error;
  GPtrArray    *list;
  PbConnection *connection;
  char         *report;
  PbTestReport *test_report;
  gboolean      signed_in;

  PbTestServer   *server;       /* told about delivered pages */
  GPtrArray    *pages;        /* copies of the arrays given to page_func */
  gboolean      finished_seen;
  GCancellable *cancel_after_page; /* cancelled in page_func once pages->len reaches… */
  guint         cancel_at;
} Result;

static void
result_clear (Result *result)
{
  g_clear_error (&result->error);
  g_clear_pointer (&result->list, g_ptr_array_unref);
  g_clear_object (&result->connection);
  g_clear_pointer (&result->report, g_free);
  g_clear_object (&result->test_report);
  result->signed_in = FALSE;
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_clear_object (&result->cancel_after_page);
  result->cancel_at = 0;
  result->done = FALSE;
}

static void
page_cb (GPtrArray *connections,
         gpointer   user_data)
{
  Result *result = user_data;

  /* Never after the end. */
  g_assert_false (result->done);
  g_assert_nonnull (connections);
  g_assert_cmpuint (connections->len, >, 0);

  g_ptr_array_add (result->pages, g_ptr_array_ref (connections));
  if (result->server != NULL)
    result->server->pages_delivered++;

  if (result->cancel_after_page != NULL && result->pages->len == result->cancel_at)
    g_cancellable_cancel (result->cancel_after_page);
}

static void
list_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->list = pb_client_list_connections_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->list == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
get_cb (GObject      *object,
        GAsyncResult *res,
        gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->connection = pb_client_get_connection_finish (PB_CLIENT (object), res,
                                                        &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
test_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->report = pb_client_test_connection_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->report == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
run_test_cb (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->test_report = pb_client_run_test_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->test_report == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
check_sign_in_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->signed_in = pb_client_check_sign_in_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true (result->signed_in != (result->error != NULL));
  result->done = TRUE;
}

static void
check_sign_in_sync (PbClient *client,
                    Result   *result)
{
  pb_client_check_sign_in_async (client, NULL, check_sign_in_cb, result);
  wait_for (&result->done);
}

static void
list_sync (PbClient     *client,
           Result       *result,
           GCancellable *cancellable)
{
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, result, NULL, cancellable, list_cb, result);
  wait_for (&result->done);
}

static void
get_sync (PbClient   *client,
          const char *ref,
          Result     *result)
{
  pb_client_get_connection_async (client, ref, NULL, get_cb, result);
  wait_for (&result->done);
}

static PbClient *
client_for (PbTestServer *server)
{
  PbClient *client = pb_client_new (server->base_url);

  pb_client_set_access_token (client, TOKEN);
  return client;
}

/* The refs of a list, in order, must be those of items first..first+n-1. */
static void
assert_refs (PbTestServer *server,
             GPtrArray  *connections,
             guint       first,
             guint       n)
{
  g_assert_cmpuint (connections->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ref = pb_test_server_item_ref (server, first + i);

      g_assert_cmpstr (pb_connection_get_ref (g_ptr_array_index (connections, i)), ==, ref);
    }
}

/* What a person reads must never show the token or raw markup. */
static void
assert_clean_message (const GError *error)
{
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), >, 10);
}

/* }}} */
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
/* {{{ Lists */

static void
test_list_pages (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };
  g_autoptr(GHashTable) offsets = g_hash_table_new (NULL, NULL);

  server->n_items = 250;
  result.server = server;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 250);

  /* page_func saw 100, 100 and 50, in order. */
  g_assert_cmpuint (result.pages->len, ==, 3);
  assert_refs (server, g_ptr_array_index (result.pages, 0), 0, 100);
  assert_refs (server, g_ptr_array_index (result.pages, 1), 100, 100);
  assert_refs (server, g_ptr_array_index (result.pages, 2), 200, 50);

  /* The first three requests asked for the three pages; requests ahead of the end asked for
   * later pages, each once. */
  g_assert_cmpuint (server->requests->len, >=, 3);
  for (guint i = 0; i < server->requests->len; i++)
    {
      PbTestRequest *request = pb_test_server_get_request (server, i);

      g_assert_cmpstr (request->method, ==, "GET");
      g_assert_cmpstr (request->path, ==, "/v2/connections");
      g_assert_cmpuint (request->limit, ==, 100);
      g_assert_cmpuint (request->offset % 100, ==, 0);
      if (i < 3)
        g_assert_cmpuint (request->offset, ==, i * 100);
      g_assert_false (g_hash_table_contains (offsets, GUINT_TO_POINTER (request->offset)));
      g_hash_table_add (offsets, GUINT_TO_POINTER (request->offset));
    }

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_exact_pages (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Two full pages, then an empty one. */
  server->n_items = 200;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 200);
  g_assert_cmpuint (result.pages->len, ==, 2);
  result_clear (&result);

  /* Nothing at all. */
  server->n_items = 0;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 0);
  g_assert_cmpuint (result.pages->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_ignores_paging (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_IGNORE_PAGING;
  server->n_items = 250;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 250);
  g_assert_cmpuint (result.pages->len, ==, 1);
  /* The second page showed that the server does not page: nothing more was asked. */
  g_assert_cmpuint (server->requests->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_repeating_page (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_REPEAT;
  server->n_items = 100000;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 100);
  g_assert_cmpuint (result.pages->len, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_duplicates (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };
  guint total = 0;

  /* 150 items but only 120 different refs: items 120–149 repeat the refs of 0–29. */
  server->n_items = 150;
  server->ref_modulo = 120;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 120);
  for (guint i = 0; i < result.list->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("Connection %u", i);

      g_assert_cmpstr (pb_connection_get_name (g_ptr_array_index (result.list, i)), ==, name);
    }

  /* page_func only got what was new. */
  for (guint i = 0; i < result.pages->len; i++)
    total += ((GPtrArray *) g_ptr_array_index (result.pages, i))->len;
  g_assert_cmpuint (total, ==, 120);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_endless (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Every page full of new connections, without end: the list gives up at the limit. */
  server->n_items = G_MAXUINT;
  _pb_client_set_max_pages (client, 7);
  result.server = server;
  list_sync (client, &result, NULL);

  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  g_assert_cmpuint (result.pages->len, ==, 7);
  for (guint i = 0; i < server->requests->len; i++)
    g_assert_cmpuint (pb_test_server_get_request (server, i)->offset, <, 700);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
count_destroy (gpointer data)
{
  guint *count = data;

  (*count)++;
}

static void
test_list_without_page_func (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };
  guint destroyed = 0;

  server->n_items = 450;
  pb_client_list_connections_async (client, NULL, &destroyed, count_destroy, NULL, list_cb,
                                    &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 450);
  result_clear (&result);

  /* The page data is let go of exactly once, when the list is over. */
  assert_finalized (client);
  g_assert_cmpuint (destroyed, ==, 1);
  pb_test_server_free (server);
}

static void
test_list_concurrency (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* Pages 0 and 1 one by one, then from page 2 on the server answers only when four requests
   * wait at once: the list only ends when the client keeps four pages in flight. */
  server->behaviour = PB_TEST_SERVER_HOLD_BATCHES;
  server->n_items = 1050;
  result.server = server;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  g_assert_false (server->released_by_timeout);
  assert_refs (server, result.list, 0, 1050);

  /* Delivered in order, 100 at a time, then 50. */
  g_assert_cmpuint (result.pages->len, ==, 11);
  for (guint i = 0; i < result.pages->len; i++)
    assert_refs (server, g_ptr_array_index (result.pages, i), i * 100, i < 10 ? 100 : 50);

  /* Never more than four pages asked for ahead of the ones delivered. */
  g_assert_cmpuint (server->max_ahead, ==, 4);

  /* Pages 0 and 1 came one after the other. */
  g_assert_cmpuint (pb_test_server_get_request (server, 0)->offset, ==, 0);
  g_assert_cmpuint (pb_test_server_get_request (server, 1)->offset, ==, 100);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_cancel (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  /* Pages 0 and 1 come, then the server keeps the next requests waiting. */
  server->behaviour = PB_TEST_SERVER_HOLD;
  server->n_items = 1000;
  result.server = server;
  result.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, &result, NULL, cancellable, list_cb,
                                    &result);

  while (server->held->len < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (result.pages->len, ==, 2);
  g_assert_false (result.done);

  g_cancellable_cancel (cancellable);
  wait_for (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Answering now changes nothing: no page arrives after the end. */
  pb_test_server_release_held (server);
  spin (200);
  g_assert_cmpuint (result.pages->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_cancel_in_page_func (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  server->n_items = 1000;
  result.cancel_after_page = g_object_ref (cancellable);
  result.cancel_at = 3;
  list_sync (client, &result, cancellable);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  spin (200);
  g_assert_cmpuint (result.pages->len, ==, 3);

  result_clear (&result);

  /* Already cancelled: nothing is sent. */
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, cancellable);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.pages->len, ==, 0);
  spin (100);
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_dispose (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_HOLD;
  server->n_items = 1000;
  result.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, &result, NULL, NULL, list_cb, &result);
  while (server->held->len < 4)
    g_main_context_iteration (NULL, TRUE);

  /* Whoever owns the client drops it: its work stops. */
  g_object_run_dispose (G_OBJECT (client));
  wait_for (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.pages->len, ==, 2);

  result_clear (&result);
  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_list_bad_page (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("[1, 2, 3]");
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
  assert_clean_message (result.error);
  result_clear (&result);

  /* A wrong Content-Type does not matter when the body is the JSON expected. */
  g_free (server->content_type);
  server->content_type = g_strdup ("text/plain");
  g_free (server->body);
  server->body = g_strdup ("{\"items\":[{\"ref\":\"r-1\",\"name\":\"One\"}]}");
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 1);
  g_assert_cmpstr (pb_connection_get_ref (g_ptr_array_index (result.list, 0)), ==, "r-1");
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_base_url (void)
{
  static const char *suffixes[] = { "/api", "/api/", "/api//" };
  PbTestServer *server = pb_test_server_new (FALSE);

  server->n_items = 3;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *base = g_strconcat (server->base_url, suffixes[i], NULL);
      PbClient *client = pb_client_new (base);
      Result result = { 0 };

      g_assert_cmpstr (pb_client_get_base_url (client), ==, base);
      g_ptr_array_set_size (server->requests, 0);
      list_sync (client, &result, NULL);
      g_assert_no_error (result.error);
      g_assert_cmpuint (result.list->len, ==, 3);
      g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==,
                       i < 2 ? "/api/v2/connections" : "/api//v2/connections");
      result_clear (&result);
      assert_finalized (client);
    }

  /* Without a path at all, with and without the slash. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *base = g_strconcat (server->base_url, i ? "/" : "", NULL);
      PbClient *client = pb_client_new (base);
      Result result = { 0 };

      g_ptr_array_set_size (server->requests, 0);
      list_sync (client, &result, NULL);
      g_assert_no_error (result.error);
      g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==, "/v2/connections");
      result_clear (&result);
      assert_finalized (client);
    }

  pb_test_server_free (server);
}

static void
test_base_url_invalid (void)
{
  static const char *bases[] = { "", "not a url", "ftp://example.com", "https://", "/v2" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      PbClient *client = pb_client_new (bases[i]);
      Result result = { 0 };

      list_sync (client, &result, NULL);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
      assert_clean_message (result.error);
      result_clear (&result);

      get_sync (client, "abc", &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
      result_clear (&result);
      assert_finalized (client);
    }
}

/* }}} */
/* {{{ Requests */

static void
test_headers (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };
  PbTestRequest *request;

  server->n_items = 1;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->user_agent, ==, "Plugboard/" PACKAGE_VERSION);
  g_assert_null (request->body);
  result_clear (&result);

  /* No token: no Authorization at all. */
  pb_client_set_access_token (client, NULL);
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_null (pb_test_server_get_request (server, 0)->authorization);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->accept, ==, "application/json");
  result_clear (&result);

  /* A token pasted with spaces around it. */
  pb_client_set_access_token (client, "  " TOKEN "\n");
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* A token that cannot go in a header is refused before anything is sent. */
  pb_client_set_access_token (client, "abc\r\nX-Evil: 1");
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (result.error->message, "Evil"));
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_get_connection (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  get_sync (client, "47c20b31-b5d8-492f-94e5-064958716c21", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==,
                   "47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->method, ==, "GET");
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==,
                   "/v2/connections/47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* A ref is one path segment, whatever it holds (SoupServer hands over the path decoded). */
  get_sync (client, "a b?c#d&e", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, "a b?c#d&e");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->path, ==, "/v2/connections/a b?c#d&e");
  g_assert_null (pb_test_server_get_request (server, 1)->query);
  result_clear (&result);

  /* "..." is a name like any other. */
  get_sync (client, "...", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_test_server_get_request (server, 2)->path, ==, "/v2/connections/...");
  result_clear (&result);

  /* No ref, or one that would mean "this" or "parent folder": nothing to ask for. */
  for (guint i = 0; i < 3; i++)
    {
      get_sync (client, (const char *[]) { "", ".", ".." }[i], &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
      assert_clean_message (result.error);
      result_clear (&result);
    }
  g_assert_cmpuint (server->requests->len, ==, 3);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_get_cancel (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
  pb_client_get_connection_async (client, "x", cancellable, get_cb, &result);
  while (server->held->len < 1)
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (cancellable);
  wait_for (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_test_connection (void)
{
  static const char json[] =
    "{\"ref\":\"r-9\",\"name\":\"Weather\",\"undocumented\":{\"kept\":[1,2]},"
    "\"auth\":{\"authType\":\"NONE\"}}";
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_body = NULL;
  Result result = { 0 };
  PbTestRequest *request;

  connection = pb_connection_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  /* The report comes back as compact JSON text. */
  g_assert_cmpstr (result.report, ==,
                   "{\"statusCode\":202,\"executionTimeInMilliseconds\":12,"
                   "\"request\":{\"headers\":{\"X-Correlation-Id\":\"c-1\"}}}");

  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v2/connections/testConnection");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  expected_body = g_strconcat ("{\"connection\":", pb_connection_get_json (connection), "}",
                               NULL);
  g_assert_cmpstr (request->body, ==, expected_body);
  g_assert_nonnull (strstr (request->body, "\"undocumented\":{\"kept\":[1,2]}"));
  result_clear (&result);

  /* White space inside strings stays; numbers stay as written. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{ \"statusCode\" : 2.50E1 ,\n \"body\": \"a  b\\n\" , \"x\": [ ] }");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.report, ==, "{\"statusCode\":2.50E1,\"body\":\"a  b\\n\",\"x\":[]}");
  result_clear (&result);

  /* A report that is not an object. */
  g_free (server->body);
  server->body = g_strdup ("[\"not\", \"an object\"]");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  result_clear (&result);

  /* The server refuses the connection. */
  server->status = 400;
  g_free (server->body);
  server->body = g_strdup ("{\"status\":400,\"code\":1234,"
                           "\"message\":\"Connection name already exists.\","
                           "\"developerMessage\":\"name must be unique\"}");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  wait_for (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the request: Connection name already exists.");
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "Connection name already exists.");
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 400);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

/* The report read for people: the same request, its fields on the result. */
static void
test_run_test (void)
{
  static const char json[] =
    "{\"ref\":\"r-9\",\"name\":\"Weather\",\"auth\":{\"authType\":\"NONE\"}}";
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_body = NULL;
  Result result = { 0 };
  PbNameValue *header;
  GListModel *headers;
  PbTestRequest *request;

  connection = pb_connection_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  pb_client_run_test_async (client, connection, NULL, run_test_cb, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  g_assert_true (PB_IS_TEST_REPORT (result.test_report));
  g_assert_cmpuint (pb_test_report_get_status (result.test_report), ==, 202);
  g_assert_true (pb_test_report_get_succeeded (result.test_report));
  g_assert_cmpint (pb_test_report_get_execution_time (result.test_report), ==, 12);
  headers = pb_test_report_get_headers (result.test_report);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 1);
  header = g_list_model_get_item (headers, 0);
  g_assert_cmpstr (pb_name_value_get_name (header), ==, "X-Correlation-Id");
  g_assert_cmpstr (pb_name_value_get_value (header), ==, "c-1");
  g_object_unref (header);

  g_assert_cmpuint (server->requests->len, ==, 1);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v2/connections/testConnection");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  expected_body = g_strconcat ("{\"connection\":", pb_connection_get_json (connection), "}",
                               NULL);
  g_assert_cmpstr (request->body, ==, expected_body);
  result_clear (&result);

  /* Numbers stay as written in the pretty report. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{ \"statusCode\" : 503 , \"body\": 1.50E1 }");
  pb_client_run_test_async (client, connection, NULL, run_test_cb, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  g_assert_cmpuint (pb_test_report_get_status (result.test_report), ==, 503);
  g_assert_false (pb_test_report_get_succeeded (result.test_report));
  g_assert_cmpint (pb_test_report_get_execution_time (result.test_report), ==, -1);
  g_assert_nonnull (strstr (pb_test_report_get_json_pretty (result.test_report), "1.50E1"));
  result_clear (&result);

  /* A report that is not an object. */
  g_free (server->body);
  server->body = g_strdup ("[\"not\", \"an object\"]");
  pb_client_run_test_async (client, connection, NULL, run_test_cb, &result);
  wait_for (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  /* The server refuses the test: its words, as for any call. */
  server->status = 400;
  g_free (server->body);
  server->body = g_strdup ("{\"status\":400,\"message\":\"Connection name already exists.\"}");
  pb_client_run_test_async (client, connection, NULL, run_test_cb, &result);
  wait_for (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the request: Connection name already exists.");
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
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
test_status_errors (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);

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

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_retry_after_date (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
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

  assert_finalized (client);
  pb_test_server_free (server);
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

  assert_finalized (client);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ Transport */

static void
test_truncated (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_TRUNCATED;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_connection_closed (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_CLOSE;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 0);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_connection_refused (void)
{
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
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

  assert_finalized (client);
}

static void
test_timeout_headers (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  g_assert_cmpuint (pb_client_get_timeout (client), ==, 30);
  pb_client_set_timeout (client, 1);
  g_assert_cmpuint (pb_client_get_timeout (client), ==, 1);

  server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_timeout_body (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  pb_client_set_timeout (client, 1);
  server->behaviour = PB_TEST_SERVER_STALL_BODY;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_too_large_announced (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_HUGE_LENGTH;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 200);
  assert_clean_message (result.error);

  /* The client hung up instead of reading: the server could not send it all. */
  wait_for (&server->stream_finished);
  g_assert_cmpuint (server->written, <, PB_CLIENT_MAX_RESPONSE_SIZE);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_too_large_streamed (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  /* No length announced: the client counts while reading. */
  server->behaviour = PB_TEST_SERVER_HUGE_CHUNKED;
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);

  wait_for (&server->stream_finished);
  g_assert_cmpuint (server->written, >=, PB_CLIENT_MAX_RESPONSE_SIZE);
  g_assert_cmpuint (server->written, <, 2 * (guint64) PB_CLIENT_MAX_RESPONSE_SIZE);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ Redirects */

static void
test_redirect_same_origin (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
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

  assert_finalized (client);
  pb_test_server_free (server);
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
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_nonnull (strstr (result.error->message, "another address"));
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 307);
  assert_clean_message (result.error);
  result_clear (&result);

  /* Another scheme too (same host and port). */
  g_free (server->location);
  server->location = g_strdup_printf ("https://127.0.0.1:%u/v2/connections/abc", server->port);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  result_clear (&result);

  /* A scheme-relative Location to another host:port. */
  g_free (server->location);
  server->location = g_strdup_printf ("//localhost:%u/v2/connections/abc", other->port);
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  result_clear (&result);

  spin (100);
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (server->requests->len, ==, 3);

  /* A Location that is no address at all. */
  g_free (server->location);
  server->location = g_strdup ("http://[not-an-address/x");
  get_sync (client, "abc", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (other);
  pb_test_server_free (server);
}

static void
test_redirect_loop (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->redirect_from = g_strdup ("/v2/connections/loop");
  server->location = g_strdup ("/v2/connections/loop");
  get_sync (client, "loop", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  /* The first request and five redirects. */
  g_assert_cmpuint (server->requests->len, ==, 6);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ Token source */

#define TEST_TYPE_TOKEN_SOURCE (test_token_source_get_type ())
G_DECLARE_FINAL_TYPE (TestTokenSource, test_token_source, TEST, TOKEN_SOURCE, GObject)

struct _TestTokenSource
{
  GObject   parent_instance;
  char     *token;
  char     *renewed_token;  /* NULL: renewing fails */
  guint     n_get;
  guint     n_renew;
};

static void test_token_source_iface_init (PbTokenSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokenSource, test_token_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_TOKEN_SOURCE,
                                                      test_token_source_iface_init))

static void
test_token_source_get_token_async (PbTokenSource       *source,
                                   gboolean             renew,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  TestTokenSource *self = TEST_TOKEN_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (!renew)
    {
      self->n_get++;
      g_task_return_pointer (task, g_strdup (self->token), g_free);
    }
  else
    {
      self->n_renew++;
      if (self->renewed_token != NULL)
        g_task_return_pointer (task, g_strdup (self->renewed_token), g_free);
      else
        g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                                 "A pasted token cannot be renewed.");
    }
}

static char *
test_token_source_get_token_finish (PbTokenSource  *source,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_token_source_iface_init (PbTokenSourceInterface *iface)
{
  iface->get_token_async = test_token_source_get_token_async;
  iface->get_token_finish = test_token_source_get_token_finish;
}

static void
test_token_source_finalize (GObject *object)
{
  TestTokenSource *self = TEST_TOKEN_SOURCE (object);

  g_free (self->token);
  g_free (self->renewed_token);
  G_OBJECT_CLASS (test_token_source_parent_class)->finalize (object);
}

static void
test_token_source_class_init (TestTokenSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_token_source_finalize;
}

static void
test_token_source_init (TestTokenSource *self)
{
}

static void
test_token_renewed (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("new-token");
  server->accepted_token = g_strdup ("new-token");
  server->n_items = 3;
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 3);
  g_assert_cmpuint (source->n_get, ==, 1);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer old-token");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==, "Bearer new-token");
  g_assert_cmpuint (pb_test_server_get_request (server, 1)->offset, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  assert_finalized (source);
  pb_test_server_free (server);
}

static void
test_token_refused_twice (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("also-refused");
  server->accepted_token = g_strdup ("the-right-one");
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "The access token has expired.");
  g_assert_cmpuint (source->n_get, ==, 1);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  result_clear (&result);

  /* A source that cannot renew: its error is the answer, no third request. */
  g_clear_pointer (&source->renewed_token, g_free);
  g_ptr_array_set_size (server->requests, 0);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* A fixed token replaces the source and is never renewed. */
  pb_client_set_access_token (client, "fixed-token");
  g_ptr_array_set_size (server->requests, 0);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 1);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer fixed-token");
  g_assert_cmpuint (source->n_renew, ==, 2);
  result_clear (&result);

  assert_finalized (client);
  assert_finalized (source);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ Sign-in check */

static void
test_check_sign_in (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  Result result = { 0 };
  PbTestRequest *request;

  /* Many connections: still one request, for one of them. */
  server->n_items = 250;
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 1);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/v2/connections");
  g_assert_cmpstr (request->query, ==, "limit=1&offset=0");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->accept, ==, "application/json");
  result_clear (&result);

  /* No connections at all is a fine answer too. */
  server->n_items = 0;
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* A server that ignores paging sends everything: still one request. */
  server->n_items = 150;
  server->behaviour = PB_TEST_SERVER_IGNORE_PAGING;
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* An answer that is not the API's: no sign-in to speak of. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("text/html");
  server->body = g_strdup ("<html><body>Welcome to nginx!</body></html>");
  check_sign_in_sync (client, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_false (result.signed_in);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_check_sign_in_refused (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  /* A fixed token the API refuses: one request, and the sign-in error. */
  server->accepted_token = g_strdup ("the-right-one");
  check_sign_in_sync (client, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_false (result.signed_in);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the sign-in: The access token has expired. Check the "
                   "account in Preferences.");
  g_assert_cmpuint (server->requests->len, ==, 1);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->query, ==, "limit=1&offset=0");
  result_clear (&result);

  /* With a token source: renewed once, as every call, then the same error. */
  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("also-refused");
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==,
                   "Bearer also-refused");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->query, ==, "limit=1&offset=0");
  result_clear (&result);

  /* The renewed token is the right one: signed in. */
  g_free (source->renewed_token);
  source->renewed_token = g_strdup ("the-right-one");
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 2);
  result_clear (&result);

  assert_finalized (client);
  assert_finalized (source);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ TLS */

static void
test_tls_untrusted (void)
{
  PbTestServer *server = pb_test_server_new (TRUE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->n_items = 2;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
  g_assert_nonnull (strstr (result.error->message, "self-signed"));
  assert_clean_message (result.error);
  /* Nothing reached the server. */
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_tls_trusted (void)
{
  PbTestServer *server = pb_test_server_new (TRUE);
  PbClient *client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Result result = { 0 };

  dir = g_dir_make_tmp ("plugboard-test-client-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "certificate.pem", NULL);
  g_file_set_contents (path, pb_test_server_certificate_pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);

  pb_client_set_tls_database (client, database);
  server->n_items = 2;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* Back to the system's database: not trusted any more (on a new connection). */
  g_object_run_dispose (G_OBJECT (client));
  assert_finalized (client);
  client = client_for (server);
  pb_client_set_tls_database (client, NULL);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
  result_clear (&result);

  assert_finalized (client);
  pb_test_server_free (server);
  g_unlink (path);
  g_rmdir (dir);
}

/* }}} */
/* {{{ Demo server */

static void
test_demo_server (void)
{
  g_autoptr(PbDemoServer) demo = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  PbClient *client;
  Result result = { 0 };
  g_autofree char *ref = NULL;

  g_assert_true (pb_demo_server_start (demo, 0, &error));
  g_assert_no_error (error);

  client = pb_client_new (pb_demo_server_get_base_url (demo));
  pb_client_set_access_token (client, pb_demo_server_get_token (demo));

  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, pb_demo_server_get_n_connections (demo));
  g_assert_cmpuint (result.list->len, >, 0);
  ref = g_strdup (pb_connection_get_ref (g_ptr_array_index (result.list, 0)));
  result_clear (&result);

  get_sync (client, ref, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, ref);
  result_clear (&result);

  get_sync (client, "00000000-0000-0000-0000-000000000000", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 404);
  g_assert_nonnull (pb_client_error_get_server_message (result.error));
  g_assert_nonnull (strstr (result.error->message,
                            pb_client_error_get_server_message (result.error)));
  result_clear (&result);

  pb_client_set_access_token (client, "not-the-demo-token");
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  assert_clean_message (result.error);
  result_clear (&result);

  assert_finalized (client);
  pb_demo_server_stop (demo);
}

static void
test_demo_server_many (void)
{
  g_autoptr(PbDemoServer) demo = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  PbClient *client;
  Result result = { 0 };

  pb_demo_server_generate (demo, 1234, 7);
  g_assert_true (pb_demo_server_start (demo, 0, &error));
  g_assert_no_error (error);

  client = pb_client_new (pb_demo_server_get_base_url (demo));
  pb_client_set_access_token (client, pb_demo_server_get_token (demo));
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 1234);
  for (guint i = 0; i < result.list->len; i++)
    g_hash_table_add (refs, (char *) pb_connection_get_ref (g_ptr_array_index (result.list, i)));
  g_assert_cmpuint (g_hash_table_size (refs), ==, 1234);
  g_assert_cmpuint (result.pages->len, ==, 13);
  result_clear (&result);

  /* Pages the client asked for ahead of the end may still be on their way to the server:
   * let them arrive, so that the failure below meets the next list and not one of them. */
  for (guint before = G_MAXUINT; before != pb_demo_server_get_n_requests (demo); )
    {
      gint64 until = g_get_monotonic_time () + 100 * 1000;

      before = pb_demo_server_get_n_requests (demo);
      while (g_get_monotonic_time () < until)
        {
          g_usleep (1000);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
    }

  /* A server error on the way through a list. */
  pb_demo_server_fail_next (demo, 503, NULL, 1);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 503);
  result_clear (&result);

  assert_finalized (client);
  pb_demo_server_stop (demo);
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
  g_test_add_func ("/client/list/pages", test_list_pages);
  g_test_add_func ("/client/list/exact-pages", test_list_exact_pages);
  g_test_add_func ("/client/list/ignores-paging", test_list_ignores_paging);
  g_test_add_func ("/client/list/repeating-page", test_list_repeating_page);
  g_test_add_func ("/client/list/duplicates", test_list_duplicates);
  g_test_add_func ("/client/list/endless", test_list_endless);
  g_test_add_func ("/client/list/without-page-func", test_list_without_page_func);
  g_test_add_func ("/client/list/concurrency", test_list_concurrency);
  g_test_add_func ("/client/list/cancel", test_list_cancel);
  g_test_add_func ("/client/list/cancel-in-page-func", test_list_cancel_in_page_func);
  g_test_add_func ("/client/list/dispose", test_list_dispose);
  g_test_add_func ("/client/list/bad-page", test_list_bad_page);
  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/base-url-invalid", test_base_url_invalid);
  g_test_add_func ("/client/headers", test_headers);
  g_test_add_func ("/client/get", test_get_connection);
  g_test_add_func ("/client/get-cancel", test_get_cancel);
  g_test_add_func ("/client/test-connection", test_test_connection);
  g_test_add_func ("/client/run-test", test_run_test);
  g_test_add_func ("/client/errors/status", test_status_errors);
  g_test_add_func ("/client/errors/retry-after-date", test_retry_after_date);
  g_test_add_func ("/client/errors/bad-response", test_bad_responses);
  g_test_add_func ("/client/transport/truncated", test_truncated);
  g_test_add_func ("/client/transport/closed", test_connection_closed);
  g_test_add_func ("/client/transport/refused", test_connection_refused);
  g_test_add_func ("/client/transport/timeout-headers", test_timeout_headers);
  g_test_add_func ("/client/transport/timeout-body", test_timeout_body);
  g_test_add_func ("/client/transport/too-large-announced", test_too_large_announced);
  g_test_add_func ("/client/transport/too-large-streamed", test_too_large_streamed);
  g_test_add_func ("/client/redirect/same-origin", test_redirect_same_origin);
  g_test_add_func ("/client/redirect/other-origin", test_redirect_other_origin);
  g_test_add_func ("/client/redirect/loop", test_redirect_loop);
  g_test_add_func ("/client/token/renewed", test_token_renewed);
  g_test_add_func ("/client/token/refused-twice", test_token_refused_twice);
  g_test_add_func ("/client/sign-in-check", test_check_sign_in);
  g_test_add_func ("/client/sign-in-check/refused", test_check_sign_in_refused);
  g_test_add_func ("/client/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/client/tls/trusted", test_tls_trusted);
  g_test_add_func ("/client/demo-server/basics", test_demo_server);
  g_test_add_func ("/client/demo-server/many", test_demo_server_many);

  return g_test_run ();
}
