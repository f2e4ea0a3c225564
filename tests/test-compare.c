/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare two accounts (pb-compare.h): pairing by name and by hand, the groups, the list model
 * a window binds to, how long grouping 10,000 pairs takes, and the self-reference flags.
 * Promote bodies, import and the demo data sets: test-compare-promote.c. */
#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include <string.h>

#include "pb-compare.h"
#include "pb-connection-reader.h"
#include "pb-diff.h"
#include "pb-secret.h"
#include "pb-test-compare.h"
#include "pb-test-util.h"

#define BASE_URL "https://api-engage-eu.sitecorecloud.io"

/* {{{ Helpers */

/* A connection named `name` with the URL `url`, and the server fields of `ref`. */
static char *
connection_json (const char *ref,
                 const char *name,
                 const char *url)
{
  return g_strdup_printf ("{'ref':'%s','href':'https://x/v2/connections/%s','clientKey':'k-%s',"
                          "'revision':3,'modifiedAt':'2025-01-0%uT00:00:00.000Z',"
                          "'modifiedByRef':'u-%s','name':'%s','systemType':'DATA_SYSTEM',"
                          "'auth':{'authType':'NONE'},"
                          "'request':{'requestType':'GET','connectionUrl':'%s'}}",
                          ref, ref, ref, (guint) strlen (ref) % 9 + 1, ref, name, url);
}

static void
append (GListStore *store,
        const char *ref,
        const char *name,
        const char *url)
{
  g_autofree char *json = connection_json (ref, name, url);
  g_autoptr(PbConnection) connection = pb_test_compare_connection (json);

  g_list_store_append (store, connection);
}

static PbConnection *
nth (GListStore *store,
     guint       position)
{
  PbConnection *connection = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_object_unref (connection);  /* the store keeps it */
  return connection;
}

static void
assert_counts (PbCompare  *compare,
               const char *expected)
{
  g_autofree char *counts = pb_test_compare_counts (compare);

  g_assert_cmpstr (counts, ==, expected);
}

/* }}} */
/* {{{ Pairing */

static void
test_pairing_name (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = NULL;
  PbComparePair *pair;

  append (source, "s1", "Weather Data System", "https://w.example.com");
  append (source, "s2", "Ärger Straße", "https://a.example.com");
  append (target, "t1", "  weather data SYSTEM ", "https://w.example.com");
  append (target, "t2", "ÄRGER STRASSE", "https://a.example.com");

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_test_compare_wait (compare);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (compare)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (compare)) == PB_TYPE_COMPARE_PAIR);
  pair = pb_test_compare_get (compare, "Weather Data System");
  g_assert_true (pb_compare_pair_get_source (pair) == nth (source, 0));
  g_assert_true (pb_compare_pair_get_target (pair) == nth (target, 0));
  g_assert_false (pb_compare_pair_get_by_hand (pair));
  /* Paired, but the name differs: promoting renames. */
  g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_DIFFERENT);
  /* Case folding knows ß. */
  pair = pb_test_compare_get (compare, "Ärger Straße");
  g_assert_true (pb_compare_pair_get_target (pair) == nth (target, 1));
  assert_counts (compare, "0/0/2/0");
}

static void
test_pairing_duplicates (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = NULL;
  guint n_duplicates = 0;

  append (source, "s1", "Twice", "https://1.example.com");
  append (source, "s2", "twice ", "https://2.example.com");
  append (source, "s3", "Once", "https://o.example.com");
  append (target, "t1", "Twice", "https://1.example.com");
  append (target, "t2", "Once", "https://o.example.com");
  append (target, "t3", "Target Twice", "https://t.example.com");
  append (target, "t4", "Target Twice", "https://t.example.com");
  append (source, "s4", "Target Twice", "https://t.example.com");

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_test_compare_wait (compare);

  /* Neither "Twice" of the source pairs with the target's one, nor the source's "Target
   * Twice" with either of the target's: each is single, marked. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (compare)), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(PbComparePair) pair = g_list_model_get_item (G_LIST_MODEL (compare), i);
      gboolean single = pb_compare_pair_get_source (pair) == NULL
                        || pb_compare_pair_get_target (pair) == NULL;

      if (g_str_equal (pb_compare_pair_get_name (pair), "Once"))
        {
          g_assert_false (single);
          g_assert_false (pb_compare_pair_get_duplicate_name (pair));
          g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_IDENTICAL);
          continue;
        }
      g_assert_true (single);
      g_assert_true (pb_compare_pair_get_duplicate_name (pair));
      n_duplicates++;
    }
  g_assert_cmpuint (n_duplicates, ==, 6);
  assert_counts (compare, "3/3/0/1");

  /* The user settles it by hand. */
  g_assert_true (pb_compare_pair_by_hand (compare, nth (source, 0), nth (target, 0)));
  pb_test_compare_wait (compare);
  g_assert_true (pb_compare_pair_get_by_hand (pb_compare_find (compare, nth (source, 0))));
  g_assert_cmpint (pb_compare_pair_get_group (pb_compare_find (compare, nth (source, 0))), ==,
                   PB_COMPARE_GROUP_IDENTICAL);
  assert_counts (compare, "2/2/0/2");
}

static void
test_pairing_by_hand (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) other = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = NULL;
  g_autoptr(PbConnection) renamed = NULL;
  PbComparePair *pair;

  append (source, "s1", "Currency Exchange Rates", "https://fx.example.com");
  append (source, "s2", "Stock", "https://stock.example.com");
  append (target, "t1", "FX Rates (ECB)", "https://fx.example.com");
  append (target, "t2", "Stock", "https://stock.example.com");
  append (other, "o1", "Elsewhere", "https://e.example.com");

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_test_compare_wait (compare);
  assert_counts (compare, "1/1/0/1");

  /* Connections of neither list are refused. */
  g_assert_false (pb_compare_pair_by_hand (compare, nth (other, 0), nth (target, 0)));
  g_assert_false (pb_compare_pair_by_hand (compare, nth (target, 0), nth (source, 0)));

  g_assert_true (pb_compare_pair_by_hand (compare, nth (source, 0), nth (target, 0)));
  pb_test_compare_wait (compare);
  assert_counts (compare, "0/0/1/1");
  pair = pb_compare_find (compare, nth (target, 0));
  g_assert_nonnull (pair);
  g_assert_true (pb_compare_pair_get_source (pair) == nth (source, 0));
  g_assert_true (pb_compare_pair_get_by_hand (pair));
  g_assert_cmpstr (pb_compare_pair_get_name (pair), ==, "Currency Exchange Rates");
  /* Only the name differs. */
  g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_DIFFERENT);

  /* Pairing one of a pair by name with another undoes that pair. */
  g_assert_true (pb_compare_pair_by_hand (compare, nth (source, 1), nth (target, 0)));
  pb_test_compare_wait (compare);
  assert_counts (compare, "1/1/1/0");
  g_assert_null (pb_compare_pair_get_target (pb_compare_find (compare, nth (source, 0))));
  g_assert_null (pb_compare_pair_get_source (pb_compare_find (compare, nth (target, 1))));

  /* A connection that leaves its list takes the choice with it: back again, it is single. */
  renamed = g_object_ref (nth (target, 0));
  g_list_store_remove (target, 0);
  pb_test_compare_wait (compare);
  assert_counts (compare, "1/0/0/1");
  g_list_store_insert (target, 0, renamed);
  pb_test_compare_wait (compare);
  assert_counts (compare, "1/1/0/1");
  g_assert_null (pb_compare_pair_get_source (pb_compare_find (compare, renamed)));
}

static void
test_pairing_unpair (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = NULL;
  PbComparePair *pair;

  append (source, "s1", "Same Name", "https://one.example.com");
  append (target, "t1", "Same Name", "https://two.example.com");

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_test_compare_wait (compare);
  assert_counts (compare, "0/0/1/0");

  pair = pb_compare_find (compare, nth (source, 0));
  pb_compare_unpair (compare, pair);
  pb_test_compare_wait (compare);
  assert_counts (compare, "1/1/0/0");

  /* It stays apart when the lists change… */
  append (source, "s2", "New", "https://n.example.com");
  pb_test_compare_wait (compare);
  assert_counts (compare, "2/1/0/0");

  /* …until the user pairs the two by hand again. */
  g_assert_true (pb_compare_pair_by_hand (compare, nth (source, 0), nth (target, 0)));
  pb_test_compare_wait (compare);
  assert_counts (compare, "1/0/1/0");

  /* Unpairing a pair made by hand, and a single: nothing else happens to a single. */
  pb_compare_unpair (compare, pb_compare_find (compare, nth (source, 0)));
  pb_compare_unpair (compare, pb_compare_find (compare, nth (source, 1)));
  pb_test_compare_wait (compare);
  assert_counts (compare, "2/1/0/0");
}

/* }}} */
/* {{{ Groups */

static void
test_groups_ignore_server_fields (void)
{
  g_autoptr(GListStore) source = NULL;
  g_autoptr(GListStore) target = NULL;
  g_autoptr(PbCompare) compare = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  PbDiffEntry *entry;

  source = pb_test_compare_list (
    "{'ref':'a1','href':'https://s/v2/connections/a1','clientKey':'S','revision':1,"
    "'modifiedAt':'2025-01-01T00:00:00.000Z','modifiedByRef':'u1','name':'Same',"
    "'auth':{'authType':'NONE'},'request':{'requestType':'GET','connectionUrl':'https://s'},"
    "'customHeaders':[{'name':'Accept','value':'a'},{'name':'X','value':'x'}]}",
    "{'ref':'a2','name':'Changed','request':{'requestType':'GET','connectionUrl':'https://old'}}",
    "{'ref':'a3','name':'Only Source','request':{}}",
    NULL);
  /* Other refs, revisions, times, users and client key; members and rows in another order. */
  target = pb_test_compare_list (
    "{'customHeaders':[{'value':'x','name':'X'},{'name':'Accept','value':'a'}],"
    "'request':{'connectionUrl':'https://s','requestType':'GET'},'auth':{'authType':'NONE'},"
    "'name':'Same','modifiedByUserRef':'u9','modifiedAt':'2026-02-02T00:00:00.000Z',"
    "'revision':17,'clientKey':'T','href':'https://t/v2/connections/b1','ref':'b1'}",
    "{'ref':'b2','name':'Changed','request':{'requestType':'GET','connectionUrl':'https://new'}}",
    "{'ref':'b3','name':'Only Target','request':{}}",
    NULL);

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  /* Nothing is grouped before the worker is done. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (compare)), ==, 0);
  pb_test_compare_wait (compare);

  assert_counts (compare, "1/1/1/1");
  g_assert_cmpint (pb_compare_pair_get_group (pb_test_compare_get (compare, "Same")), ==,
                   PB_COMPARE_GROUP_IDENTICAL);
  g_assert_cmpint (pb_compare_pair_get_group (pb_test_compare_get (compare, "Only Source")), ==,
                   PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  g_assert_cmpint (pb_compare_pair_get_group (pb_test_compare_get (compare, "Only Target")), ==,
                   PB_COMPARE_GROUP_ONLY_IN_TARGET);

  /* The differences are the target's version (old) against the source's (new). */
  entries = pb_compare_pair_dup_differences (pb_test_compare_get (compare, "Changed"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->path, ==, "request.connectionUrl");
  g_assert_cmpstr (entry->old_text, ==, "https://new");
  g_assert_cmpstr (entry->new_text, ==, "https://old");
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = pb_compare_pair_dup_differences (pb_test_compare_get (compare, "Same"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A single: everything is added. */
  entries = pb_compare_pair_dup_differences (pb_test_compare_get (compare, "Only Source"),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (((PbDiffEntry *) entries->pdata[i])->kind, ==, PB_DIFF_ADDED);
}

/* A member only the target has (e.g. "notes") is kept by a copy: not a difference a copy
 * would fix, so a pair that differs only so is IDENTICAL, and the member is said as kept.
 * Members only the source has are differences: a copy adds them. */
static void
test_groups_kept_members (void)
{
  g_autoptr(GListStore) source = NULL;
  g_autoptr(GListStore) target = NULL;
  g_autoptr(PbCompare) compare = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  PbComparePair *pair;

  source = pb_test_compare_list (
    "{'ref':'a1','name':'Notes','request':{'requestType':'GET','connectionUrl':'https://s'}}",
    "{'ref':'a2','name':'Both','request':{'requestType':'GET','connectionUrl':'https://s'}}",
    "{'ref':'a3','name':'Added','request':{'requestType':'GET'},'extra':1}",
    NULL);
  target = pb_test_compare_list (
    "{'ref':'b1','name':'Notes','request':{'requestType':'GET','connectionUrl':'https://s'},"
    "'notes':'Production only'}",
    "{'ref':'b2','name':'Both','request':{'requestType':'GET','connectionUrl':'https://t'},"
    "'notes':'Production only'}",
    "{'ref':'b3','name':'Added','request':{'requestType':'GET'}}",
    NULL);
  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_test_compare_wait (compare);

  assert_counts (compare, "0/0/2/1");
  pair = pb_test_compare_get (compare, "Notes");
  g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_IDENTICAL);
  entries = pb_compare_pair_dup_differences (pair, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  kept = pb_compare_pair_dup_kept (pair);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_cmpstr (((PbDiffEntry *) kept->pdata[0])->path, ==, "notes");
  g_assert_cmpstr (((PbDiffEntry *) kept->pdata[0])->old_text, ==, "Production only");
  g_clear_pointer (&kept, g_ptr_array_unref);

  /* Different by its URL: the URL is the difference, the notes are kept. */
  pair = pb_test_compare_get (compare, "Both");
  g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_DIFFERENT);
  entries = pb_compare_pair_dup_differences (pair, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((PbDiffEntry *) entries->pdata[0])->path, ==, "request.connectionUrl");
  g_clear_pointer (&entries, g_ptr_array_unref);
  kept = pb_compare_pair_dup_kept (pair);
  g_assert_cmpuint (kept->len, ==, 1);
  g_clear_pointer (&kept, g_ptr_array_unref);

  pair = pb_test_compare_get (compare, "Added");
  g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_DIFFERENT);
  kept = pb_compare_pair_dup_kept (pair);
  g_assert_cmpuint (kept->len, ==, 0);
}

typedef struct
{
  guint position, removed, added, calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->calls++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static gboolean
not_busy (gpointer data)
{
  return !pb_compare_get_busy (data);
}

static void
test_groups_follow_lists (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = NULL;
  g_autoptr(PbComparePair) kept = NULL;
  g_autofree char *changed_json = NULL;
  g_autoptr(PbConnection) changed_connection = NULL;
  ItemsChanged changed = { 0, };
  guint n_group_notes = 0, n_count_notes = 0;

  append (source, "s1", "Alpha", "https://a.example.com");
  append (source, "s2", "Bravo", "https://b.example.com");
  append (source, "s3", "Charlie", "https://c.example.com");
  append (target, "t1", "Alpha", "https://a.example.com");
  append (target, "t2", "Bravo", "https://b.example.com");
  append (target, "t3", "Charlie", "https://c.example.com");

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  g_assert_true (pb_compare_get_busy (compare) || g_list_model_get_n_items (G_LIST_MODEL (compare)) == 0);
  pb_test_compare_wait (compare);
  assert_counts (compare, "0/0/0/3");

  g_signal_connect (compare, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  g_signal_connect (compare, "notify::n-different", G_CALLBACK (notify_cb), &n_count_notes);
  kept = g_object_ref (pb_test_compare_get (compare, "Alpha"));
  g_signal_connect (kept, "notify::group", G_CALLBACK (notify_cb), &n_group_notes);

  /* The target's "Bravo" changes on the server (a refresh replaces it): the model groups by
   * itself; only the row of Bravo changes, the others keep their objects. */
  changed_json = connection_json ("t2", "Bravo", "https://b2.example.com");
  changed_connection = pb_test_compare_connection (changed_json);
  g_list_store_splice (target, 1, 1, (gpointer *) &changed_connection, 1);
  pb_test_wait_until (not_busy, compare, "the compare to group again");
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);
  g_assert_true (pb_test_compare_get (compare, "Alpha") == kept);
  g_assert_cmpuint (n_group_notes, ==, 0);
  g_assert_cmpuint (n_count_notes, ==, 1);
  assert_counts (compare, "0/0/1/2");

  /* Alpha disappears from the target: its pair object becomes… a new single. */
  g_list_store_remove (target, 0);
  pb_test_wait_until (not_busy, compare, "the compare to group again");
  assert_counts (compare, "1/0/1/1");
  g_assert_false (pb_test_compare_get (compare, "Alpha") == kept);

  /* Another source list: nothing of the old one stays. */
  pb_compare_set_source (compare, NULL);
  pb_test_compare_wait (compare);
  assert_counts (compare, "0/2/0/0");

  g_signal_handlers_disconnect_by_data (compare, &changed);
  g_signal_handlers_disconnect_by_data (compare, &n_count_notes);
  g_signal_handlers_disconnect_by_data (kept, &n_group_notes);
  g_clear_object (&kept);
  pb_test_assert_finalized (g_steal_pointer (&compare));
}

/* A grouping under way when a newer one starts is dropped: only the newer one shows. */
static void
test_groups_superseded (void)
{
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  g_auto(PbTestWaiter) first = { NULL, };
  g_autoptr(GError) error = NULL;

  append (source, "s1", "One", "https://1.example.com");
  pb_compare_update_async (compare, NULL, pb_test_waiter_cb, &first);
  append (target, "t1", "One", "https://1.example.com");
  pb_test_compare_wait (compare);
  /* The first caller learns the outcome of the grouping that replaced its own. */
  g_assert_true (pb_compare_update_finish (compare, pb_test_waiter_wait (&first), &error));
  g_assert_no_error (error);
  assert_counts (compare, "0/0/0/1");
}

/* Grouping 2 × 10,000 connections: measured, not asserted (no timed assertions). */
static void
test_groups_large (void)
{
  g_autoptr(GString) source_doc = g_string_new ("{\"items\":[");
  g_autoptr(GString) target_doc = g_string_new ("{\"items\":[");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GListStore) source = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(GListStore) target = g_list_store_new (PB_TYPE_CONNECTION);
  g_autoptr(PbCompare) compare = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 start;
  guint n = 10000;

  for (guint i = 0; i < n; i++)
    {
#define LARGE_FORMAT \
        "%s{\"ref\":\"%c%07u-0000-4000-8000-000000000000\",\"revision\":%u," \
        "\"name\":\"Connection %05u\",\"systemType\":\"DATA_SYSTEM\"," \
        "\"auth\":{\"authType\":\"NONE\"},\"request\":{\"requestType\":\"GET\"," \
        "\"connectionUrl\":\"https://%s.example.com/v1/items/${id}\"}," \
        "\"customHeaders\":[{\"name\":\"Accept\",\"value\":\"application/json\"}]," \
        "\"inputMappings\":[{\"label\":\"Id\",\"key\":\"id\",\"type\":\"string\"," \
        "\"exampleValue\":\"42\",\"mapping\":\"\"}],\"outputMappings\":[{\"label\":\"Value\"," \
        "\"outputReference\":\"value\",\"type\":\"string\"}],\"connectionTimeout\":1000," \
        "\"socketTimeout\":1000}"

      g_string_append_printf (source_doc, LARGE_FORMAT, i ? "," : "", 'a', i, 1, i, "svc");
      g_string_append_printf (target_doc, LARGE_FORMAT, i ? "," : "", 'b', i, 5, i,
                              i % 10 == 0 ? "other" : "svc");
    }
  g_string_append (source_doc, "]}");
  g_string_append (target_doc, "]}");
  sources = pb_connection_parse_list (source_doc->str, source_doc->len, &error);
  g_assert_no_error (error);
  targets = pb_connection_parse_list (target_doc->str, target_doc->len, &error);
  g_assert_no_error (error);
  g_list_store_splice (source, 0, 0, sources->pdata, sources->len);
  g_list_store_splice (target, 0, 0, targets->pdata, targets->len);

  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_compare_set_source_base_url (compare, BASE_URL);
  start = g_get_monotonic_time ();
  pb_test_compare_wait (compare);
  g_test_message ("Grouping 10,000 pairs took %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  expected = g_strdup_printf ("0/0/%u/%u", n / 10, n - n / 10);
  assert_counts (compare, expected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (compare)), ==, n);

  /* A second grouping (a refresh) keeps every pair object and changes no row. */
  start = g_get_monotonic_time ();
  pb_test_compare_wait (compare);
  g_test_message ("Grouping them again took %.2f s",
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  assert_counts (compare, expected);
}

/* }}} */
/* {{{ Self-references */

static PbSelfReference *
find_flag (GPtrArray           *flags,
           PbSelfReferenceKind  kind,
           const char          *path)
{
  for (guint i = 0; i < flags->len; i++)
    {
      PbSelfReference *flag = g_ptr_array_index (flags, i);

      if (flag->kind == kind && g_strcmp0 (flag->path, path) == 0)
        return flag;
    }
  return NULL;
}

static void
test_self_references_host (void)
{
  g_autoptr(PbConnection) source = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  PbSelfReference *flag;

  source = pb_test_compare_connection (
    "{'ref':'r','href':'https://api-engage-eu.sitecorecloud.io/v2/connections/r',"
    "'name':'Calls itself','description':'See https://api-engage-eu.sitecorecloud.io.example.com',"
    "'auth':{'authType':'OAUTH','clientId':'c',"
    "'accessTokenUrl':'https://API-ENGAGE-EU.sitecorecloud.io/v2/oauth/token'},"
    "'request':{'requestType':'POST',"
    "'connectionUrl':'https://api-engage-eu.sitecorecloud.io:443/v2/callFlows?apiKey=s3cr3t',"
    "'requestBody':'{\\\"next\\\":\\\"https://api-engage-us.sitecorecloud.io/v2/x\\\"}'},"
    "'customHeaders':[{'name':'X-Callback','value':'https://api-engage-eu.sitecorecloud.io/cb'},"
    "{'name':'X-Api-Key','value':'https://api-engage-eu.sitecorecloud.io/key'}]}");

  flags = pb_compare_find_self_references (source, BASE_URL "/", NULL);

  /* Host in any case, with a port; the server's href is not looked at; another host (one
   * that only starts like it, another region) is not flagged. */
  g_assert_cmpuint (flags->len, ==, 4);
  flag = find_flag (flags, PB_SELF_REFERENCE_HOST, "request.connectionUrl");
  g_assert_nonnull (flag);
  /* The URL's secret parameter is masked. */
  g_assert_cmpstr (flag->value, ==,
                   "https://api-engage-eu.sitecorecloud.io:443/v2/callFlows?apiKey=" PB_SECRET_MASK);
  g_assert_nonnull (strstr (flag->reason, "api-engage-eu.sitecorecloud.io"));
  g_assert_nonnull (find_flag (flags, PB_SELF_REFERENCE_HOST, "auth.accessTokenUrl"));
  flag = find_flag (flags, PB_SELF_REFERENCE_HOST, "customHeaders[X-Callback].value");
  g_assert_nonnull (flag);
  g_assert_cmpstr (flag->value, ==, "https://api-engage-eu.sitecorecloud.io/cb");
  /* A secret-looking header's value is masked. */
  flag = find_flag (flags, PB_SELF_REFERENCE_HOST, "customHeaders[X-Api-Key].value");
  g_assert_nonnull (flag);
  g_assert_cmpstr (flag->value, ==, PB_SECRET_MASK);
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Without a base URL, no host is checked. */
  flags = pb_compare_find_self_references (source, NULL, NULL);
  g_assert_cmpuint (flags->len, ==, 0);
}

static void
test_self_references_uuid (void)
{
  g_autoptr(GListStore) source = NULL;
  g_autoptr(GListStore) target = NULL;
  g_autoptr(GHashTable) uuids = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(PbCompare) compare = NULL;
  PbComparePair *pair;
  PbSelfReference *flag;

  source = pb_test_compare_list (
    "{'ref':'11111111-1111-4111-8111-111111111111','name':'Decision',"
    "'modifiedByRef':'22222222-2222-4222-8222-222222222222',"
    "'request':{'requestType':'POST','connectionUrl':"
    "'https://api.example.com/v2/decisionModelDefinitions/36B56832-E5B4-46AC-856D-7AE2DD26E94C',"
    "'requestBody':'{\\\"model\\\":\\\"4d0f7a52-5f0c-4d7e-9a51-7f1f3b9e2c11\\\",\\\"shared\\\":\\\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\\\"}'},"
    "'customHeaders':[{'name':'X-Token','value':'99999999-8888-4777-8666-555555555555'}],"
    "'inputMappings':[{'label':'Model','key':'model','type':'string',"
    "'exampleValue':'not-a-uuid-36b56832-e5b4-46ac-856d-7ae2dd26e94cx','mapping':''}]}",
    NULL);
  target = pb_test_compare_list (
    "{'ref':'33333333-3333-4333-8333-333333333333','name':'Decision',"
    "'description':'Shares AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE with staging',"
    "'request':{'requestType':'POST','connectionUrl':'https://api.example.com/v2/x'}}",
    NULL);

  uuids = pb_compare_collect_uuids (G_LIST_MODEL (target));
  g_assert_true (g_hash_table_contains (uuids, "33333333-3333-4333-8333-333333333333"));
  g_assert_true (g_hash_table_contains (uuids, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
  g_assert_cmpuint (g_hash_table_size (uuids), ==, 2);

  flags = pb_compare_find_self_references (nth (source, 0), NULL, uuids);
  /* The URL's UUID (upper case), the body's first one that the target lacks, the secret
   * header's; not the ref, not modifiedByRef, not the UUID the target has, not one inside a
   * longer word. */
  g_assert_cmpuint (flags->len, ==, 3);
  flag = find_flag (flags, PB_SELF_REFERENCE_UUID, "request.connectionUrl");
  g_assert_nonnull (flag);
  g_assert_nonnull (strstr (flag->reason, "36b56832-e5b4-46ac-856d-7ae2dd26e94c"));
  g_assert_cmpstr (flag->value, ==,
                   "https://api.example.com/v2/decisionModelDefinitions/36B56832-E5B4-46AC-856D-7AE2DD26E94C");
  flag = find_flag (flags, PB_SELF_REFERENCE_UUID, "request.requestBody");
  g_assert_nonnull (flag);
  g_assert_nonnull (strstr (flag->reason, "4d0f7a52-5f0c-4d7e-9a51-7f1f3b9e2c11"));
  flag = find_flag (flags, PB_SELF_REFERENCE_UUID, "customHeaders[X-Token].value");
  g_assert_nonnull (flag);
  g_assert_cmpstr (flag->value, ==, PB_SECRET_MASK);
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The same through the compare, which counts them for the list. */
  compare = pb_compare_new (G_LIST_MODEL (source), G_LIST_MODEL (target));
  pb_compare_set_source_base_url (compare, "https://api.example.com");
  pb_test_compare_wait (compare);
  pair = pb_test_compare_get (compare, "Decision");
  /* The three, and the URL on the source's host. */
  g_assert_cmpuint (pb_compare_pair_get_n_self_references (pair), ==, 4);
  flags = pb_compare_dup_self_references (compare, pair);
  g_assert_cmpuint (flags->len, ==, 4);
  g_assert_nonnull (find_flag (flags, PB_SELF_REFERENCE_HOST, "request.connectionUrl"));
}

static void
test_self_references_mask (void)
{
  g_autoptr(PbConnection) source = NULL;
  g_autoptr(GPtrArray) flags = NULL;

  /* A file exported without secrets. */
  source = pb_test_compare_connection (
    "{'name':'Exported','auth':{'authType':'OAUTH','clientSecret':'" PB_SECRET_MASK "'},"
    "'customHeaders':[{'name':'Authorization','value':'Bearer " PB_SECRET_MASK "'},"
    "{'name':'Accept','value':'application/json'}]}");
  flags = pb_compare_find_self_references (source, BASE_URL, NULL);
  g_assert_cmpuint (flags->len, ==, 2);
  g_assert_nonnull (find_flag (flags, PB_SELF_REFERENCE_MASK, "auth.clientSecret"));
  g_assert_nonnull (find_flag (flags, PB_SELF_REFERENCE_MASK,
                               "customHeaders[Authorization].value"));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/pairing/name", test_pairing_name);
  g_test_add_func ("/compare/pairing/duplicates", test_pairing_duplicates);
  g_test_add_func ("/compare/pairing/by-hand", test_pairing_by_hand);
  g_test_add_func ("/compare/pairing/unpair", test_pairing_unpair);
  g_test_add_func ("/compare/groups/ignore-server-fields", test_groups_ignore_server_fields);
  g_test_add_func ("/compare/groups/kept-members", test_groups_kept_members);
  g_test_add_func ("/compare/groups/follow-lists", test_groups_follow_lists);
  g_test_add_func ("/compare/groups/superseded", test_groups_superseded);
  g_test_add_func ("/compare/groups/large", test_groups_large);
  g_test_add_func ("/compare/self-references/host", test_self_references_host);
  g_test_add_func ("/compare/self-references/uuid", test_self_references_uuid);
  g_test_add_func ("/compare/self-references/mask", test_self_references_mask);

  return g_test_run ();
}
