/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stress"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pb-client.h"
#include "pb-connection.h"
#include "pb-connection-list.h"
#include "pb-connection-store.h"
#include "pb-demo-server.h"
#include "pb-test-util.h"

/* 200 refreshes in a row against the demo server, every other one cancelled after a random
 * short delay, while pages are in flight: once with the client and a list (each result
 * replaces the list's items, keeping objects by ref), once through the store as the window
 * makes them (cancelled, or replaced by a newer refresh). Nothing may be lost, doubled or kept:
 * the list ends equal to the server's data, every object is freed at the end, and the memory
 * of the process stays flat (VmRSS after 20 and after 200 refreshes, printed as TAP
 * comments). */

#define N_REFRESHES     200
#define N_WARM_UP       20
#define N_CONNECTIONS   450  /* five pages of 100 */

/* AddressSanitizer keeps freed memory in quarantine (256 MiB): RSS then says nothing about
 * leaks, which LeakSanitizer checks instead. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

typedef struct
{
  gboolean   done;
  GPtrArray *connections;
  GError    *error;
  guint      n_pages;
} Refresh;

static void
page_cb (GPtrArray *connections,
         gpointer   user_data)
{
  Refresh *refresh = user_data;

  g_assert_false (refresh->done);
  refresh->n_pages++;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Refresh *refresh = user_data;

  g_assert_false (refresh->done);
  refresh->connections = pb_client_list_connections_finish (PB_CLIENT (object), result,
                                                            &refresh->error);
  g_assert_true ((refresh->connections == NULL) != (refresh->error == NULL));
  refresh->done = TRUE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Lets cancelled requests and closed connections settle. */
static void
settle (void)
{
  pb_test_spin (50);
}

/* Resident memory of this process in KiB, from /proc/self/status. */
static guint64
vm_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* The demo server with N_CONNECTIONS, and a client signed in to it. */
static PbDemoServer *
start_server (PbClient **client)
{
  g_autoptr(GError) error = NULL;
  PbDemoServer *server = pb_demo_server_new ();

  pb_demo_server_generate (server, N_CONNECTIONS, 7);
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  /* A round trip per page, so that a cancellation finds pages in flight. */
  pb_demo_server_set_latency (server, 2);

  *client = pb_client_new (pb_demo_server_get_base_url (server));
  pb_client_set_access_token (*client, pb_demo_server_get_token (server));

  return server;
}

/* Prints the memory after the warm-up and at the end, and checks that it stayed flat: a
 * generous bound, so that only a real leak (a list's worth per refresh) trips it. */
static void
assert_flat_memory (guint64 rss_warm,
                    guint64 rss_end)
{
  g_test_message ("VmRSS after %u refreshes: %" G_GUINT64_FORMAT " KiB", N_WARM_UP, rss_warm);
  g_test_message ("VmRSS after %u refreshes: %" G_GUINT64_FORMAT " KiB", N_REFRESHES, rss_end);
  g_assert_cmpuint (rss_warm, >, 0);
  if (!UNDER_ASAN)
    g_assert_cmpuint (rss_end, <, 2 * rss_warm);
}

static void
assert_same_refs (GListModel *list,
                  GPtrArray  *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(PbConnection) item = g_list_model_get_item (list, i);

      g_assert_cmpstr (pb_connection_get_ref (item), ==,
                       pb_connection_get_ref (g_ptr_array_index (expected, i)));
    }
}

static void
test_refreshes_with_cancellations (void)
{
  g_autoptr(GPtrArray) first = NULL;
  PbDemoServer *server;
  PbClient *client;
  PbConnectionList *list;
  gpointer weak_client;
  gpointer weak_list;
  gpointer weak_server;
  guint64 rss_warm = 0;
  guint64 rss_end;
  guint n_cancelled = 0;
  guint n_completed = 0;
  GRand *rand = g_rand_new_with_seed (20250702);

  server = start_server (&client);
  list = pb_connection_list_new ();

  for (guint i = 0; i < N_REFRESHES; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Refresh refresh = { 0 };
      guint cancel_id = 0;

      pb_client_list_connections_async (client, page_cb, &refresh, NULL, cancellable,
                                        list_cb, &refresh);
      if (i % 2 == 1)
        cancel_id = g_timeout_add (g_rand_int_range (rand, 0, 25), cancel_cb, cancellable);

      pb_test_wait_for_flag (&refresh.done);
      if (cancel_id != 0 && !g_cancellable_is_cancelled (cancellable))
        g_source_remove (cancel_id);

      if (refresh.error != NULL)
        {
          /* Only a cancelled refresh may fail, and then with nothing else than that. */
          g_assert_true (i % 2 == 1);
          g_assert_error (refresh.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_clear_error (&refresh.error);
          n_cancelled++;
        }
      else
        {
          g_assert_cmpuint (refresh.connections->len, ==, N_CONNECTIONS);
          g_assert_cmpuint (refresh.n_pages, >=, 1);
          pb_connection_list_replace_all (list, refresh.connections);
          if (first == NULL)
            first = g_ptr_array_ref (refresh.connections);
          assert_same_refs (G_LIST_MODEL (list), first);
          g_clear_pointer (&refresh.connections, g_ptr_array_unref);
          n_completed++;
        }

      if (i + 1 == N_WARM_UP)
        {
          settle ();
          rss_warm = vm_rss_kib ();
        }
    }

  settle ();
  rss_end = vm_rss_kib ();

  g_test_message ("%u refreshes: %u completed, %u cancelled midway", N_REFRESHES, n_completed,
                  n_cancelled);
  assert_flat_memory (rss_warm, rss_end);

  /* Every refresh that was not cancelled completed, and some were really cut short. */
  g_assert_cmpuint (n_completed, >=, N_REFRESHES / 2);
  g_assert_cmpuint (n_cancelled, >=, 1);

  weak_client = client;
  weak_list = list;
  weak_server = server;
  g_object_add_weak_pointer (G_OBJECT (client), &weak_client);
  g_object_add_weak_pointer (G_OBJECT (list), &weak_list);
  g_object_add_weak_pointer (G_OBJECT (server), &weak_server);
  g_clear_pointer (&first, g_ptr_array_unref);
  g_object_unref (list);
  g_object_unref (client);
  settle ();
  pb_demo_server_stop (server);
  g_object_unref (server);
  settle ();
  g_assert_null (weak_list);
  g_assert_null (weak_client);
  g_assert_null (weak_server);
  g_rand_free (rand);
}

/* What the store is told while a refresh runs: nothing, cancel, or refresh again. */
typedef struct
{
  PbConnectionStore *store;
  PbTestWaiter      *newer;
  gboolean           replace;
  gboolean           fired;
} Disturb;

static gboolean
disturb_cb (gpointer user_data)
{
  Disturb *disturb = user_data;

  disturb->fired = TRUE;
  if (disturb->replace)
    pb_connection_store_refresh_async (disturb->store, pb_test_waiter_cb, disturb->newer);
  else
    pb_connection_store_cancel (disturb->store);

  return G_SOURCE_REMOVE;
}

/* The store holds the list of the first complete refresh, by ref and in order. */
static void
assert_store_list (PbConnectionStore  *store,
                   GPtrArray         **first)
{
  if (*first == NULL)
    {
      *first = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        g_ptr_array_add (*first, g_list_model_get_item (G_LIST_MODEL (store), i));
    }
  assert_same_refs (G_LIST_MODEL (store), *first);
}

static void
test_store_refreshes_with_cancellations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  PbDemoServer *server;
  PbClient *client;
  PbConnectionStore *store;
  guint64 rss_warm = 0;
  guint64 rss_end;
  guint n_cancelled = 0;
  guint n_replaced = 0;
  guint n_completed = 0;
  GRand *rand = g_rand_new_with_seed (20251205);

  server = start_server (&client);
  store = pb_connection_store_new (client, NULL);

  for (guint i = 0; i < N_REFRESHES; i++)
    {
      g_auto(PbTestWaiter) waiter = { NULL };
      g_auto(PbTestWaiter) newer = { NULL };
      Disturb disturb = { store, &newer, i % 4 == 3, FALSE };
      guint disturb_id = 0;

      pb_connection_store_refresh_async (store, pb_test_waiter_cb, &waiter);
      if (i % 2 == 1)
        disturb_id = g_timeout_add (g_rand_int_range (rand, 0, 25), disturb_cb, &disturb);

      pb_test_waiter_wait (&waiter);
      if (disturb_id != 0 && !disturb.fired)
        g_source_remove (disturb_id);

      if (!pb_connection_store_refresh_finish (store, waiter.result, &error))
        {
          /* Only a disturbed refresh may fail, and then with nothing else than that. */
          g_assert_true (disturb.fired);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_clear_error (&error);
          if (disturb.replace)
            n_replaced++;
          else
            n_cancelled++;
        }
      else
        {
          assert_store_list (store, &first);
          n_completed++;
        }

      /* A newer refresh always gets to the end. */
      if (disturb.fired && disturb.replace)
        {
          g_assert_true (pb_connection_store_refresh_finish (store, pb_test_waiter_wait (&newer),
                                                             &error));
          g_assert_no_error (error);
          assert_store_list (store, &first);
        }
      g_assert_false (pb_connection_store_get_loading (store));
      g_assert_null (pb_connection_store_get_error (store));

      if (i + 1 == N_WARM_UP)
        {
          settle ();
          rss_warm = vm_rss_kib ();
        }
    }

  settle ();
  rss_end = vm_rss_kib ();

  g_test_message ("%u store refreshes: %u completed, %u cancelled, %u replaced midway",
                  N_REFRESHES, n_completed, n_cancelled, n_replaced);
  assert_flat_memory (rss_warm, rss_end);

  g_assert_cmpuint (n_completed, >=, N_REFRESHES / 2);
  g_assert_cmpuint (n_cancelled, >=, 1);
  g_assert_cmpuint (n_replaced, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, N_CONNECTIONS);

  g_clear_pointer (&first, g_ptr_array_unref);
  pb_test_assert_finalized (store);
  pb_test_assert_finalized (client);
  pb_demo_server_stop (server);
  pb_test_assert_finalized (server);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/refreshes-with-cancellations", test_refreshes_with_cancellations);
  g_test_add_func ("/stress/store-refreshes-with-cancellations",
                   test_store_refreshes_with_cancellations);

  return g_test_run ();
}
