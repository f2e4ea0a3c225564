/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stress"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pb-client.h"
#include "pb-connection.h"
#include "pb-connection-list.h"
#include "pb-demo-server.h"

/* 200 refreshes in a row against the demo server, as the window makes them (each result
 * replaces the list's items, keeping objects by ref), every other one cancelled after a
 * random short delay, while pages are in flight. Nothing may be lost, doubled or kept: the
 * list ends equal to the server's data, every object is freed at the end, and the memory of
 * the process stays flat (VmRSS after 20 and after 200 refreshes, printed as TAP comments). */

#define N_REFRESHES     200
#define N_WARM_UP       20
#define N_CONNECTIONS   450  /* five pages of 100 */
#define WAIT_LIMIT      60   /* seconds for one refresh: only reached when something is broken */

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

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_LIMIT, flag_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets cancelled requests and closed connections settle. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (50, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

static void
assert_same_refs (PbConnectionList *list,
                  GPtrArray        *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(PbConnection) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (pb_connection_get_ref (item), ==,
                       pb_connection_get_ref (g_ptr_array_index (expected, i)));
    }
}

static void
test_refreshes_with_cancellations (void)
{
  g_autoptr(GError) error = NULL;
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

  server = pb_demo_server_new ();
  pb_demo_server_generate (server, N_CONNECTIONS, 7);
  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  /* A round trip per page, so that a cancellation finds pages in flight. */
  pb_demo_server_set_latency (server, 2);

  client = pb_client_new (pb_demo_server_get_base_url (server));
  pb_client_set_access_token (client, pb_demo_server_get_token (server));
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

      wait_for (&refresh.done);
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
          assert_same_refs (list, first);
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
  g_test_message ("VmRSS after %u refreshes: %" G_GUINT64_FORMAT " KiB", N_WARM_UP, rss_warm);
  g_test_message ("VmRSS after %u refreshes: %" G_GUINT64_FORMAT " KiB", N_REFRESHES, rss_end);

  /* Every refresh that was not cancelled completed, and some were really cut short. */
  g_assert_cmpuint (n_completed, >=, N_REFRESHES / 2);
  g_assert_cmpuint (n_cancelled, >=, 1);
  /* Flat: a generous bound, so that only a real leak (a list's worth per refresh) trips it. */
  g_assert_cmpuint (rss_warm, >, 0);
  if (!UNDER_ASAN)
    g_assert_cmpuint (rss_end, <, 2 * rss_warm);

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/refreshes-with-cancellations", test_refreshes_with_cancellations);

  return g_test_run ();
}
