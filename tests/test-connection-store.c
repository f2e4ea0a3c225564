/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store of connections against the demo server, without a display: refresh, a refresh
 * that replaces another, pages added in batches, the offline copy, reloading one connection,
 * and errors that keep the list. */
#define G_LOG_DOMAIN "test-connection-store"

#include "config.h"

#include <string.h>

#include "pb-cache.h"
#include "pb-connection.h"
#include "pb-connection-store.h"
#include "pb-demo-server.h"
#include "pb-test-util.h"

typedef struct
{
  PbDemoServer      *server;
  PbClient          *client;
  PbConnectionStore *store;

  guint              n_loading_notifies;
  guint              n_values_changed;
  guint              n_items_changed;   /* signals that added items */
  guint              first_added;
  gboolean           loading_at_first_rows;
  guint              n_added;
} Fixture;

static void
loading_cb (Fixture *fixture)
{
  fixture->n_loading_notifies++;
}

static void
values_changed_cb (Fixture *fixture)
{
  fixture->n_values_changed++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  if (added == 0)
    return;

  if (fixture->n_items_changed == 0)
    {
      fixture->first_added = added;
      fixture->loading_at_first_rows = pb_connection_store_get_loading (fixture->store);
    }
  fixture->n_items_changed++;
  fixture->n_added += added;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = pb_demo_server_new ();
  g_assert_true (pb_demo_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);

  fixture->client = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  pb_client_set_access_token (fixture->client, pb_demo_server_get_token (fixture->server));

  fixture->store = pb_connection_store_new (fixture->client, data);
  g_signal_connect_swapped (fixture->store, "notify::loading", G_CALLBACK (loading_cb), fixture);
  g_signal_connect_swapped (fixture->store, "values-changed",
                            G_CALLBACK (values_changed_cb), fixture);
  g_signal_connect (fixture->store, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A cancelled load gives its references back once the client has stopped. */
  pb_connection_store_cancel (fixture->store);
  pb_test_assert_finalized (fixture->store);
  pb_test_assert_finalized (fixture->client);
  pb_demo_server_stop (fixture->server);
  pb_test_assert_finalized (fixture->server);
}

/* Refreshes and waits; returns whether it succeeded. */
static gboolean
refresh (PbConnectionStore  *store,
         GError            **error)
{
  g_auto(PbTestWaiter) waiter = { NULL };

  pb_connection_store_refresh_async (store, pb_test_waiter_cb, &waiter);
  return pb_connection_store_refresh_finish (store, pb_test_waiter_wait (&waiter), error);
}

static gboolean
has_items (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (G_LIST_MODEL (fixture->store)) > 0;
}

static gboolean
cache_saved (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *path = pb_cache_get_path (pb_connection_store_get_cache_id (fixture->store));

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static PbConnection *
item (PbConnectionStore *store,
      guint              position)
{
  PbConnection *connection = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The store keeps it. */
  g_object_unref (connection);
  return connection;
}

static void
assert_unique_refs (PbConnectionStore *store)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) pb_connection_get_ref (item (store, i))));
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };
  guint n = pb_demo_server_get_n_connections (fixture->server);

  g_assert_false (pb_connection_store_get_loading (fixture->store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->store)) == PB_TYPE_CONNECTION);

  pb_connection_store_refresh_async (fixture->store, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_connection_store_get_loading (fixture->store));
  g_assert_cmpuint (fixture->n_loading_notifies, ==, 1);
  g_assert_true (pb_connection_store_refresh_finish (fixture->store, pb_test_waiter_wait (&waiter),
                                                     &error));
  g_assert_no_error (error);

  g_assert_false (pb_connection_store_get_loading (fixture->store));
  g_assert_cmpuint (fixture->n_loading_notifies, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
  g_assert_cmpuint (fixture->n_added, ==, n);
  g_assert_null (pb_connection_store_get_error (fixture->store));
  g_assert_null (pb_connection_store_get_cached_at (fixture->store));
  g_assert_false (pb_connection_store_get_offline_copy (fixture->store));
  assert_unique_refs (fixture->store);
  /* Shown as they came: nothing was merged afterwards. */
  g_assert_cmpuint (fixture->n_values_changed, ==, 0);

  /* Again, with the list full: merged into it, the same objects kept. */
  {
    PbConnection *first = item (fixture->store, 0);

    g_assert_true (refresh (fixture->store, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
    g_assert_true (item (fixture->store, 0) == first);
    g_assert_cmpuint (fixture->n_values_changed, ==, 1);
  }
}

static void
test_cancel_and_replace (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(PbTestWaiter) first = { NULL };
  g_auto(PbTestWaiter) second = { NULL };
  g_autoptr(GError) error = NULL;
  guint n_requests;

  pb_demo_server_generate (fixture->server, 450, 3);
  pb_demo_server_set_latency (fixture->server, 150);

  pb_connection_store_refresh_async (fixture->store, pb_test_waiter_cb, &first);
  g_main_context_iteration (NULL, FALSE);
  pb_connection_store_refresh_async (fixture->store, pb_test_waiter_cb, &second);
  g_assert_true (pb_connection_store_get_loading (fixture->store));

  /* The first finishes as cancelled, the second with the whole list, once. */
  g_assert_false (pb_connection_store_refresh_finish (fixture->store, pb_test_waiter_wait (&first),
                                                      &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (pb_connection_store_get_loading (fixture->store));
  g_assert_true (pb_connection_store_refresh_finish (fixture->store, pb_test_waiter_wait (&second),
                                                     &error));
  g_assert_no_error (error);

  /* "loading" went on once and off once. */
  g_assert_cmpuint (fixture->n_loading_notifies, ==, 2);
  g_assert_false (pb_connection_store_get_loading (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 450);
  assert_unique_refs (fixture->store);
  g_assert_null (pb_connection_store_get_error (fixture->store));

  /* A cancelled refresh finishes as cancelled and leaves the list as it was. */
  n_requests = pb_demo_server_get_n_requests (fixture->server);
  pb_test_waiter_clear (&first);
  pb_connection_store_refresh_async (fixture->store, pb_test_waiter_cb, &first);
  pb_connection_store_cancel (fixture->store);
  g_assert_false (pb_connection_store_get_loading (fixture->store));
  g_assert_false (pb_connection_store_refresh_finish (fixture->store, pb_test_waiter_wait (&first),
                                                      &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 450);
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), <=, n_requests + 4);
}

static void
test_batching (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 20;

  /* Twenty pages of 100, each a round trip later than the one before. */
  pb_demo_server_generate (fixture->server, n_pages * 100, 5);
  pb_demo_server_set_latency (fixture->server, 40);
  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);

  /* The first page at once, while loading; the others gathered into fewer additions. */
  g_assert_cmpuint (fixture->first_added, ==, 100);
  g_assert_true (fixture->loading_at_first_rows);
  g_assert_cmpuint (fixture->n_items_changed, >=, 2);
  g_assert_cmpuint (fixture->n_items_changed, <, n_pages);
  g_assert_cmpuint (fixture->n_added, ==, n_pages * 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n_pages * 100);
  assert_unique_refs (fixture->store);
}

static void
test_offline_copy_at_start (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PbConnectionStore) again = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  guint n = pb_demo_server_get_n_connections (fixture->server);
  PbConnection *first;

  /* No copy yet: nothing is shown before the server answers. */
  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_null (pb_connection_store_get_cached_at (fixture->store));

  /* Saved after the complete load, with nothing secret in it. */
  pb_test_wait_until (cache_saved, fixture, "the offline copy to be saved");
  path = pb_cache_get_path ("account-1");
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, pb_demo_server_get_token (fixture->server)));

  /* At the next start, the copy is shown at once while the server is slow. */
  pb_test_assert_finalized (fixture->store);
  fixture->store = again = pb_connection_store_new (fixture->client, "account-1");
  pb_demo_server_set_latency (fixture->server, 400);
  pb_connection_store_refresh_async (again, pb_test_waiter_cb, &waiter);
  pb_test_wait_until (has_items, fixture, "the offline copy to be shown");
  g_assert_true (pb_connection_store_get_loading (again));
  g_assert_nonnull (pb_connection_store_get_cached_at (again));
  g_assert_true (pb_connection_store_get_offline_copy (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, n);
  first = item (again, 0);

  /* The server's list then takes its place, keeping the objects. */
  g_assert_true (pb_connection_store_refresh_finish (again, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  g_assert_null (pb_connection_store_get_cached_at (again));
  g_assert_false (pb_connection_store_get_offline_copy (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, n);
  g_assert_true (item (again, 0) == first);

  fixture->store = g_steal_pointer (&again);
}

static void
test_offline_copy_after_failure (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = pb_demo_server_get_n_connections (fixture->server);

  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  pb_test_wait_until (cache_saved, fixture, "the offline copy to be saved");

  /* The next start, signed out: the copy stays, and so does why it failed. */
  pb_test_assert_finalized (fixture->store);
  fixture->store = pb_connection_store_new (fixture->client, "account-2");
  pb_client_set_access_token (fixture->client, "not-the-token");
  pb_demo_server_set_latency (fixture->server, 300);
  g_assert_false (refresh (fixture->store, &error));
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);

  g_assert_false (pb_connection_store_get_loading (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
  g_assert_nonnull (pb_connection_store_get_cached_at (fixture->store));
  g_assert_true (pb_connection_store_get_offline_copy (fixture->store));
  g_assert_error ((GError *) pb_connection_store_get_error (fixture->store),
                  PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);

  /* Another client: nothing of the old source stays. */
  {
    g_autoptr(PbClient) other = pb_client_new (pb_demo_server_get_base_url (fixture->server));

    pb_connection_store_set_client (fixture->store, other);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
    g_assert_null (pb_connection_store_get_cached_at (fixture->store));
    g_assert_null (pb_connection_store_get_error (fixture->store));
    pb_connection_store_set_client (fixture->store, fixture->client);
  }
}

/* A server that is gone fails faster than the disk gives the copy back: the copy is shown all
 * the same, before the failure is told. */
static void
test_offline_copy_before_quick_failure (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = pb_demo_server_get_n_connections (fixture->server);

  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  pb_test_wait_until (cache_saved, fixture, "the offline copy to be saved");
  pb_demo_server_stop (fixture->server);

  /* The order of the two answers is up to the threads: try it a few times. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) failure = NULL;

      pb_test_assert_finalized (fixture->store);
      fixture->store = pb_connection_store_new (fixture->client, "account-3");
      g_assert_false (refresh (fixture->store, &failure));
      g_assert_nonnull (failure);
      g_assert_false (pb_connection_store_get_loading (fixture->store));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
      g_assert_true (pb_connection_store_get_offline_copy (fixture->store));
      g_assert_nonnull (pb_connection_store_get_error (fixture->store));
    }
}

static void
test_errors_keep_the_list (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = pb_demo_server_get_n_connections (fixture->server);
  PbConnection *first;

  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  first = item (fixture->store, 0);

  pb_demo_server_fail_next (fixture->server, 500, NULL, 1);
  g_assert_false (refresh (fixture->store, &error));
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  g_clear_error (&error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
  g_assert_true (item (fixture->store, 0) == first);
  g_assert_error ((GError *) pb_connection_store_get_error (fixture->store),
                  PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  g_assert_null (pb_connection_store_get_cached_at (fixture->store));

  /* The next refresh clears it. */
  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_null (pb_connection_store_get_error (fixture->store));

  /* Without a client there is nothing to load. */
  pb_connection_store_set_client (fixture->store, NULL);
  g_assert_false (refresh (fixture->store, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_assert_false (pb_connection_store_get_loading (fixture->store));
  pb_connection_store_set_client (fixture->store, fixture->client);
}

static PbConnection *
reload (PbConnectionStore  *store,
        const char         *ref,
        GError            **error)
{
  g_auto(PbTestWaiter) waiter = { NULL };

  pb_connection_store_reload_async (store, ref, NULL, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_connection_store_get_loading (store));
  return pb_connection_store_reload_finish (store, pb_test_waiter_wait (&waiter), error);
}

static void
test_reload_one (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) reloaded = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *ref = NULL;
  guint n = pb_demo_server_get_n_connections (fixture->server);
  PbConnection *first;

  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  first = item (fixture->store, 0);
  ref = g_strdup (pb_connection_get_ref (first));

  changed = g_strdup_printf ("{\"ref\": \"%s\", \"name\": \"Aardvark Renamed Service\", "
                             "\"systemType\": \"DESTINATION\", \"archived\": false, "
                             "\"auth\": {\"authType\": \"NONE\"}, "
                             "\"request\": {\"requestType\": \"GET\", "
                             "\"connectionUrl\": \"https://example.com/renamed\"}}", ref);
  g_assert_true (pb_demo_server_put_connection (fixture->server, changed, &error));
  g_assert_no_error (error);

  /* The same object, changed in place. */
  reloaded = reload (fixture->store, ref, &error);
  g_assert_no_error (error);
  g_assert_true (reloaded == first);
  g_assert_cmpstr (pb_connection_get_name (first), ==, "Aardvark Renamed Service");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n);
  g_assert_cmpuint (fixture->n_values_changed, ==, 1);
  g_assert_false (pb_connection_store_get_loading (fixture->store));

  /* Gone from the server: it says so, and the list keeps it until the next refresh. */
  g_assert_true (pb_demo_server_remove_connection (fixture->server, ref));
  g_assert_null (reload (fixture->store, ref, &error));
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (item (fixture->store, 0) == first);
  g_assert_null (pb_connection_store_get_error (fixture->store));
  g_assert_false (pb_connection_store_get_loading (fixture->store));

  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, n - 1);
  for (guint i = 0; i < n - 1; i++)
    g_assert_cmpstr (pb_connection_get_ref (item (fixture->store, i)), !=, ref);
}

/* The count of connections with fields Plugboard cannot read follows the list: the demo data
 * has one, a reload that makes another odd adds it, a reload that mends it takes it away. */
static void
test_count_unreadable (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *odd = NULL;
  g_autofree char *mended = NULL;
  g_autofree char *ref = NULL;
  g_autoptr(PbConnection) made_odd = NULL;
  g_autoptr(PbConnection) made_good = NULL;

  g_assert_cmpuint (pb_connection_store_count_unreadable (fixture->store), ==, 0);
  g_assert_true (refresh (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_connection_store_count_unreadable (fixture->store), ==, 1);

  ref = g_strdup (pb_connection_get_ref (item (fixture->store, 0)));
  g_assert_false (pb_connection_has_unreadable_fields (item (fixture->store, 0)));
  odd = g_strdup_printf ("{\"ref\": \"%s\", \"name\": \"Odd\","
                         " \"connectionTimeout\": \"5000\"}", ref);
  g_assert_true (pb_demo_server_put_connection (fixture->server, odd, &error));
  g_assert_no_error (error);
  made_odd = reload (fixture->store, ref, &error);
  g_assert_no_error (error);
  g_assert_true (pb_connection_has_unreadable_fields (made_odd));
  g_assert_cmpuint (pb_connection_store_count_unreadable (fixture->store), ==, 2);

  mended = g_strdup_printf ("{\"ref\": \"%s\", \"name\": \"Odd\","
                            " \"connectionTimeout\": 5000}", ref);
  g_assert_true (pb_demo_server_put_connection (fixture->server, mended, &error));
  g_assert_no_error (error);
  made_good = reload (fixture->store, ref, &error);
  g_assert_no_error (error);
  g_assert_false (pb_connection_has_unreadable_fields (made_good));
  g_assert_cmpuint (pb_connection_store_count_unreadable (fixture->store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Each test its own XDG folders: the offline copy is written under the cache folder. Those
   * hide the system's settings schemas, which GNOME's proxy resolver would read. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, cache_id, func) \
  g_test_add (path, Fixture, cache_id, fixture_set_up, func, fixture_tear_down)

  ADD ("/connection-store/refresh", NULL, test_refresh);
  ADD ("/connection-store/cancel-and-replace", NULL, test_cancel_and_replace);
  ADD ("/connection-store/batching", NULL, test_batching);
  ADD ("/connection-store/offline-copy-at-start", "account-1", test_offline_copy_at_start);
  ADD ("/connection-store/offline-copy-after-failure", "account-2",
       test_offline_copy_after_failure);
  ADD ("/connection-store/offline-copy-before-quick-failure", "account-3",
       test_offline_copy_before_quick_failure);
  ADD ("/connection-store/errors-keep-the-list", NULL, test_errors_keep_the_list);
  ADD ("/connection-store/reload-one", NULL, test_reload_one);
  ADD ("/connection-store/count-unreadable", NULL, test_count_unreadable);

#undef ADD

  return g_test_run ();
}
