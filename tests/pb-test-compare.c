/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-compare"

#include "config.h"

#include "pb-connection-reader.h"
#include "pb-test-compare.h"
#include "pb-test-util.h"

PbConnection *
pb_test_compare_connection (const char *json)
{
  g_autofree char *text = pb_test_json (json);
  g_autoptr(GError) error = NULL;
  PbConnection *connection = pb_connection_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);
  return connection;
}

GListStore *
pb_test_compare_list (const char *json,
                      ...)
{
  GListStore *store = g_list_store_new (PB_TYPE_CONNECTION);
  va_list args;

  va_start (args, json);
  for (const char *text = json; text != NULL; text = va_arg (args, const char *))
    {
      g_autoptr(PbConnection) connection = pb_test_compare_connection (text);

      g_list_store_append (store, connection);
    }
  va_end (args);
  return store;
}

void
pb_test_compare_wait (PbCompare *compare)
{
  g_auto(PbTestWaiter) waiter = { NULL, };
  g_autoptr(GError) error = NULL;

  pb_compare_update_async (compare, NULL, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_compare_update_finish (compare, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  g_assert_false (pb_compare_get_busy (compare));
}

PbComparePair *
pb_test_compare_get (PbCompare  *compare,
                     const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (compare));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbComparePair) pair = g_list_model_get_item (G_LIST_MODEL (compare), i);

      if (g_strcmp0 (pb_compare_pair_get_name (pair), name) == 0)
        return pair;  /* the model keeps it */
    }
  g_error ("No pair named “%s”", name);
  return NULL;
}

char *
pb_test_compare_counts (PbCompare *compare)
{
  return g_strdup_printf ("%u/%u/%u/%u",
                          pb_compare_get_n_in_group (compare, PB_COMPARE_GROUP_ONLY_IN_SOURCE),
                          pb_compare_get_n_in_group (compare, PB_COMPARE_GROUP_ONLY_IN_TARGET),
                          pb_compare_get_n_in_group (compare, PB_COMPARE_GROUP_DIFFERENT),
                          pb_compare_get_n_in_group (compare, PB_COMPARE_GROUP_IDENTICAL));
}
