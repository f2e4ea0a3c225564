/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's sorted, filtered list (PbSortFilterModel) against GTK's own GtkFilterListModel
 * over a GtkSortListModel, change after change, and what it looks at for each change. */
#define G_LOG_DOMAIN "test-sort-filter-model"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "pb-connection-filter.h"
#include "pb-connection-parser.h"
#include "pb-connection-sorter.h"
#include "pb-connection.h"
#include "pb-sort-filter-model.h"

static const char * const words[] = {
  "Alpha", "beta", "Gamma", "delta", "Éclair", "weather", "Orders", "orders", "Zeta", "ab",
};

static PbConnection *
make_connection (GRand *rand,
                 guint  serial)
{
  g_autofree char *json = NULL;
  GError *error = NULL;
  PbConnection *connection;

  json = g_strdup_printf ("{\"ref\": \"ref-%u\", \"name\": \"%s %s\","
                          " \"description\": \"%s\", \"archived\": %s,"
                          " \"systemType\": \"%s\","
                          " \"modifiedAt\": \"2026-0%u-1%uT10:00:00.000Z\"}",
                          serial,
                          words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                          words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                          words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                          g_rand_int_range (rand, 0, 5) == 0 ? "true" : "false",
                          g_rand_boolean (rand) ? "DESTINATION" : "DATA_SYSTEM",
                          g_rand_int_range (rand, 1, 10), g_rand_int_range (rand, 0, 10));
  connection = pb_connection_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  return connection;
}

typedef struct
{
  GRand              *rand;
  guint               serial;
  GListStore         *store;
  PbConnectionFilter *filter;
  PbConnectionSorter *sorter;
  PbSortFilterModel  *model;
  GListModel         *reference;  /* GTK's models over the same store, filter and sorter */
  GPtrArray          *mirror;     /* the model's items as its signals said */
} Fixture;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Fixture    *fixture)
{
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_ptr_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (fixture->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkSortListModel *sorted;

  fixture->rand = g_rand_new_with_seed (8);
  fixture->store = g_list_store_new (PB_TYPE_CONNECTION);
  fixture->filter = pb_connection_filter_new ();
  fixture->sorter = pb_connection_sorter_new ();
  fixture->model = pb_sort_filter_model_new (G_LIST_MODEL (fixture->store),
                                             GTK_FILTER (fixture->filter),
                                             GTK_SORTER (fixture->sorter));
  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (mirror_items_changed_cb),
                    fixture);

  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (fixture->store)),
                                    g_object_ref (GTK_SORTER (fixture->sorter)));
  fixture->reference = G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (sorted),
                                                                g_object_ref (GTK_FILTER (fixture->filter))));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->reference);
  g_clear_object (&fixture->model);
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->sorter);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->mirror, g_ptr_array_unref);
  g_clear_pointer (&fixture->rand, g_rand_free);
}

/* The model lists what GTK's models list, in the same order, and its signals said so. */
static void
assert_same_rows (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  guint n = g_list_model_get_n_items (fixture->reference);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (fixture->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbConnection) expected = g_list_model_get_item (fixture->reference, i);
      g_autoptr(PbConnection) got = g_list_model_get_item (model, i);

      if (expected != got)
        g_error ("row %u: “%s” (%s), expected “%s” (%s)", i,
                 pb_connection_get_name (got), pb_connection_get_ref (got),
                 pb_connection_get_name (expected), pb_connection_get_ref (expected));
      g_assert_true (g_ptr_array_index (fixture->mirror, i) == got);
    }
}

static void
append_batch (Fixture *fixture,
              guint    n)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (batch, make_connection (fixture->rand, fixture->serial++));
  g_list_store_splice (fixture->store, g_list_model_get_n_items (G_LIST_MODEL (fixture->store)),
                       0, batch->pdata, batch->len);
}

/* Batches that come while a search is active show exactly the rows that match it. */
static void
test_batches_while_searching (Fixture       *fixture,
                              gconstpointer  data)
{
  pb_connection_filter_set_search (fixture->filter, "ORDERS");
  for (guint i = 0; i < 12; i++)
    {
      append_batch (fixture, 1 + i * 17);
      assert_same_rows (fixture);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), >, 0);

  /* Narrowing, widening, another word, none. */
  pb_connection_filter_set_search (fixture->filter, "orders ze");
  assert_same_rows (fixture);
  pb_connection_filter_set_search (fixture->filter, "ord");
  assert_same_rows (fixture);
  pb_connection_filter_set_search (fixture->filter, "eclair");
  assert_same_rows (fixture);
  pb_connection_filter_set_search (fixture->filter, "");
  assert_same_rows (fixture);

  pb_connection_filter_set_show_archived (fixture->filter, TRUE);
  assert_same_rows (fixture);
  pb_connection_filter_set_system_type (fixture->filter, "DESTINATION");
  append_batch (fixture, 40);
  assert_same_rows (fixture);
  pb_connection_filter_set_show_archived (fixture->filter, FALSE);
  assert_same_rows (fixture);
  pb_connection_filter_set_system_type (fixture->filter, NULL);
  assert_same_rows (fixture);
}

/* Every order, rows taken out of the middle and put in again, the whole list replaced. */
static void
test_orders_and_removals (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const orders[] = { "modified", "system-type", "name" };

  append_batch (fixture, 300);
  assert_same_rows (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);

      pb_connection_sorter_set_order (fixture->sorter, orders[i]);
      assert_same_rows (fixture);

      /* Out of the middle, then back at the end: the objects are the same. */
      for (guint j = 50; j < 90; j++)
        g_ptr_array_add (moved, g_list_model_get_item (G_LIST_MODEL (fixture->store), j));
      g_list_store_splice (fixture->store, 50, 40, NULL, 0);
      assert_same_rows (fixture);
      g_list_store_splice (fixture->store, g_list_model_get_n_items (G_LIST_MODEL (fixture->store)),
                           0, moved->pdata, moved->len);
      assert_same_rows (fixture);

      pb_connection_filter_set_search (fixture->filter, "a");
      g_list_store_remove (fixture->store, 0);
      append_batch (fixture, 25);
      assert_same_rows (fixture);
      pb_connection_filter_set_search (fixture->filter, NULL);
      assert_same_rows (fixture);
    }

  g_list_store_remove_all (fixture->store);
  assert_same_rows (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
}

/* Connections of the same name keep the order they came in, batch after batch. */
static void
test_equal_names_keep_their_order (Fixture       *fixture,
                                   gconstpointer  data)
{
  for (guint batch = 0; batch < 5; batch++)
    {
      g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *json = g_strdup_printf ("{\"ref\": \"same-%u-%u\", \"name\": \"%s\"}",
                                                   batch, i, i % 2 ? "Same" : "SAME");

          g_ptr_array_add (connections, pb_connection_new_from_data (json, -1, NULL));
        }
      g_list_store_splice (fixture->store,
                           g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), 0,
                           connections->pdata, connections->len);
      append_batch (fixture, 3);
    }
  assert_same_rows (fixture);

  /* By ref: the store's order among the ones named alike. */
  for (guint i = 0, last = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->model)); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (G_LIST_MODEL (fixture->model), i);
      guint b, j;

      if (sscanf (pb_connection_get_ref (connection), "same-%u-%u", &b, &j) != 2)
        continue;
      g_assert_cmpuint (b * 4 + j, >=, last);
      last = b * 4 + j;
    }
}

static gboolean
count_match (gpointer item,
             gpointer user_data)
{
  guint *n_calls = user_data;

  (*n_calls)++;
  return strstr (pb_connection_get_search_text (item), "zeta") != NULL;
}

/* A batch is filtered on its own; a stricter filter looks only at what was kept, a less strict
 * one only at what was hidden. */
static void
test_looks_only_where_needed (Fixture       *fixture,
                              gconstpointer  data)
{
  guint n_calls = 0;
  g_autoptr(GtkCustomFilter) filter = gtk_custom_filter_new (count_match, &n_calls, NULL);
  guint kept, total;

  pb_sort_filter_model_set_filter (fixture->model, GTK_FILTER (filter));
  append_batch (fixture, 200);
  n_calls = 0;
  append_batch (fixture, 30);
  g_assert_cmpuint (n_calls, ==, 30);

  kept = g_list_model_get_n_items (G_LIST_MODEL (fixture->model));
  total = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  g_assert_cmpuint (kept, <, total);
  n_calls = 0;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpuint (n_calls, ==, kept);
  n_calls = 0;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (n_calls, ==, total - kept);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, kept);
}

static void
count_signal (guint *n_signals)
{
  (*n_signals)++;
}

/* One signal a change, none when nothing changes. */
static void
test_one_span_a_change (Fixture       *fixture,
                        gconstpointer  data)
{
  guint n_signals = 0;

  append_batch (fixture, 100);
  g_signal_connect_swapped (fixture->model, "items-changed", G_CALLBACK (count_signal),
                            &n_signals);
  append_batch (fixture, 50);
  g_assert_cmpuint (n_signals, ==, 1);
  pb_connection_filter_set_search (fixture->filter, "zeta");
  g_assert_cmpuint (n_signals, ==, 2);
  /* Nothing changes, nothing is said. */
  gtk_filter_changed (GTK_FILTER (fixture->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  pb_sort_filter_model_refresh (fixture->model);
  g_assert_cmpuint (n_signals, ==, 2);
  assert_same_rows (fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sort-filter-model/batches-while-searching", test_batches_while_searching);
  ADD ("/sort-filter-model/orders-and-removals", test_orders_and_removals);
  ADD ("/sort-filter-model/equal-names-keep-their-order", test_equal_names_keep_their_order);
  ADD ("/sort-filter-model/looks-only-where-needed", test_looks_only_where_needed);
  ADD ("/sort-filter-model/one-span-a-change", test_one_span_a_change);

#undef ADD

  return g_test_run ();
}
