/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include "test-client-util.h"

/* Lists: every page in order, several in flight once the server has shown that it pages, and
 * servers that do not page, repeat themselves or never end. */

/* {{{ Lists */

static void
test_list_pages (ClientFixture *fixture,
                 gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
}

static void
test_list_exact_pages (ClientFixture *fixture,
                       gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
}

static void
test_list_ignores_paging (ClientFixture *fixture,
                          gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
}

static void
test_list_repeating_page (ClientFixture *fixture,
                          gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_REPEAT;
  server->n_items = 100000;
  list_sync (client, &result, NULL);

  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 100);
  g_assert_cmpuint (result.pages->len, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);

  result_clear (&result);
}

static void
test_list_duplicates (ClientFixture *fixture,
                      gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
}

static void
test_list_endless (ClientFixture *fixture,
                   gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
  pb_test_wait_for_flag (&result.done);
  g_assert_no_error (result.error);
  assert_refs (server, result.list, 0, 450);
  result_clear (&result);

  /* The page data is let go of exactly once, when the list is over. */
  pb_test_assert_finalized (client);
  g_assert_cmpuint (destroyed, ==, 1);
  pb_test_server_free (server);
}

static void
test_list_concurrency (ClientFixture *fixture,
                       gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
}

static void
test_list_cancel (ClientFixture *fixture,
                  gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
  pb_test_wait_for_flag (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Answering now changes nothing: no page arrives after the end. */
  pb_test_server_release_held (server);
  pb_test_spin (200);
  g_assert_cmpuint (result.pages->len, ==, 2);

  result_clear (&result);
}

static void
test_list_cancel_in_page_func (ClientFixture *fixture,
                               gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  server->n_items = 1000;
  result.cancel_after_page = g_object_ref (cancellable);
  result.cancel_at = 3;
  list_sync (client, &result, cancellable);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pb_test_spin (200);
  g_assert_cmpuint (result.pages->len, ==, 3);

  result_clear (&result);

  /* Already cancelled: nothing is sent. */
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, cancellable);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.pages->len, ==, 0);
  pb_test_spin (100);
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);
}

static void
test_list_dispose (ClientFixture *fixture,
                   gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_HOLD;
  server->n_items = 1000;
  result.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, &result, NULL, NULL, list_cb, &result);
  while (server->held->len < 4)
    g_main_context_iteration (NULL, TRUE);

  /* Whoever owns the client drops it: its work stops. */
  g_object_run_dispose (G_OBJECT (client));
  pb_test_wait_for_flag (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (result.pages->len, ==, 2);

  result_clear (&result);
}

static void
test_list_bad_page (ClientFixture *fixture,
                    gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
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
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  client_test_add ("/client/list/pages", test_list_pages);
  client_test_add ("/client/list/exact-pages", test_list_exact_pages);
  client_test_add ("/client/list/ignores-paging", test_list_ignores_paging);
  client_test_add ("/client/list/repeating-page", test_list_repeating_page);
  client_test_add ("/client/list/duplicates", test_list_duplicates);
  client_test_add ("/client/list/endless", test_list_endless);
  g_test_add_func ("/client/list/without-page-func", test_list_without_page_func);
  client_test_add ("/client/list/concurrency", test_list_concurrency);
  client_test_add ("/client/list/cancel", test_list_cancel);
  client_test_add ("/client/list/cancel-in-page-func", test_list_cancel_in_page_func);
  client_test_add ("/client/list/dispose", test_list_dispose);
  client_test_add ("/client/list/bad-page", test_list_bad_page);

  return g_test_run ();
}
