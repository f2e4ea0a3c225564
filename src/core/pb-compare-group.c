/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-group"

#include "config.h"

#include <string.h>

#include "pb-compare-private.h"
#include "pb-connection.h"
#include "pb-diff.h"

/* The grouping of a PbCompare, on a worker thread: pairing by name (and by hand), the group of
 * each pair, the self-references of each source. */

#define CANCEL_CHECK_EVERY 64

void
_pb_compare_item_free (PbCompareItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->source);
  g_clear_object (&item->target);
  g_free (item->sort_key);
  g_free (item);
}

void
_pb_compare_input_free (PbCompareInput *input)
{
  if (input == NULL)
    return;
  g_clear_pointer (&input->sources, g_ptr_array_unref);
  g_clear_pointer (&input->targets, g_ptr_array_unref);
  g_clear_pointer (&input->by_hand, g_ptr_array_unref);
  g_clear_pointer (&input->unpaired, g_ptr_array_unref);
  g_free (input->base_url);
  g_free (input);
}

void
_pb_compare_result_free (PbCompareResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->target_uuids, g_hash_table_unref);
  g_free (result);
}

char *
_pb_compare_fold_name (const char *name)
{
  g_autofree char *normal = NULL;
  char *folded;

  if (name == NULL)
    return g_strdup ("");
  normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (normal, -1);
  /* g_strstrip() only knows ASCII white space; names with other spaces around are rare
   * enough not to pair. */
  return g_strstrip (folded);
}

/* A connection's name, folded, and its JSON text, copied under the connection's read lock
 * (the main thread may update it in place meanwhile). */
static char *
dup_folded_name (PbConnection *connection)
{
  char *folded;

  pb_connection_read_lock (connection);
  folded = _pb_compare_fold_name (pb_connection_get_name (connection));
  pb_connection_read_unlock (connection);
  return folded;
}

static char *
dup_json (PbConnection *connection)
{
  char *json;

  pb_connection_read_lock (connection);
  json = g_strdup (pb_connection_get_json (connection));
  pb_connection_read_unlock (connection);
  return json;
}

GHashTable *
_pb_compare_collect_uuids_array (GPtrArray *connections)
{
  GHashTable *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < connections->len; i++)
    {
      g_autofree char *json = dup_json (g_ptr_array_index (connections, i));
      gsize pos = 0;
      char uuid[37];

      while (json != NULL && _pb_compare_next_uuid (json, &pos, uuid))
        if (!g_hash_table_contains (uuids, uuid))
          {
            char *key = g_strdup (uuid);

            g_hash_table_insert (uuids, key, key);
          }
    }
  return uuids;
}

static char *
pair_key (gconstpointer source,
          gconstpointer target)
{
  return g_strdup_printf ("%p %p", source, target);
}

/* Counts of each folded name in one list, and where its one connection is. */
static GHashTable *
index_names (GPtrArray  *connections,
             char      **folded)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < connections->len; i++)
    {
      folded[i] = dup_folded_name (g_ptr_array_index (connections, i));
      /* the index of the only one, or G_MAXUINT when there are more */
      if (g_hash_table_contains (names, folded[i]))
        g_hash_table_insert (names, folded[i], GUINT_TO_POINTER (G_MAXUINT));
      else
        g_hash_table_insert (names, folded[i], GUINT_TO_POINTER (i + 1));
    }
  return names;
}

static PbCompareItem *
item_new (PbConnection *source,
          PbConnection *target,
          const char   *folded)
{
  PbCompareItem *item = g_new0 (PbCompareItem, 1);

  item->source = source != NULL ? g_object_ref (source) : NULL;
  item->target = target != NULL ? g_object_ref (target) : NULL;
  item->sort_key = g_utf8_collate_key (folded, -1);
  if (source == NULL)
    item->group = PB_COMPARE_GROUP_ONLY_IN_TARGET;
  else if (target == NULL)
    item->group = PB_COMPARE_GROUP_ONLY_IN_SOURCE;
  else
    item->group = PB_COMPARE_GROUP_DIFFERENT;
  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const PbCompareItem *x = *(PbCompareItem * const *) a;
  const PbCompareItem *y = *(PbCompareItem * const *) b;
  int order = strcmp (x->sort_key, y->sort_key);

  return order != 0 ? order : (int) x->group - (int) y->group;
}

/* Pairs first by hand, then by name; the rest stay single. */
static GPtrArray *
pair_up (PbCompareInput *input,
         char          **source_names,
         char          **target_names)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) _pb_compare_item_free);
  g_autoptr(GHashTable) source_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) target_index = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) unpaired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) source_by_name = index_names (input->sources, source_names);
  g_autoptr(GHashTable) target_by_name = index_names (input->targets, target_names);
  g_autofree gboolean *source_used = g_new0 (gboolean, input->sources->len + 1);
  g_autofree gboolean *target_used = g_new0 (gboolean, input->targets->len + 1);

  for (guint i = 0; i < input->sources->len; i++)
    g_hash_table_insert (source_index, input->sources->pdata[i], GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < input->targets->len; i++)
    g_hash_table_insert (target_index, input->targets->pdata[i], GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i + 1 < input->unpaired->len; i += 2)
    g_hash_table_add (unpaired, pair_key (input->unpaired->pdata[i],
                                          input->unpaired->pdata[i + 1]));

  /* By hand: both must still be in their lists. */
  for (guint i = 0; i + 1 < input->by_hand->len; i += 2)
    {
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (source_index, input->by_hand->pdata[i]));
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (target_index,
                                                       input->by_hand->pdata[i + 1]));
      PbCompareItem *item;

      if (s == 0 || t == 0 || source_used[s - 1] || target_used[t - 1])
        continue;
      source_used[s - 1] = target_used[t - 1] = TRUE;
      item = item_new (input->sources->pdata[s - 1], input->targets->pdata[t - 1],
                       source_names[s - 1]);
      item->by_hand = TRUE;
      g_ptr_array_add (items, item);
    }

  /* By name, when the name is unique on both sides and the user did not split them. */
  for (guint i = 0; i < input->sources->len; i++)
    {
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (source_by_name, source_names[i]));
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (target_by_name, source_names[i]));
      g_autofree char *key = NULL;

      if (source_used[i] || s == G_MAXUINT || t == 0 || t == G_MAXUINT || target_used[t - 1])
        continue;
      key = pair_key (input->sources->pdata[i], input->targets->pdata[t - 1]);
      if (g_hash_table_contains (unpaired, key))
        continue;
      source_used[i] = target_used[t - 1] = TRUE;
      g_ptr_array_add (items, item_new (input->sources->pdata[i], input->targets->pdata[t - 1],
                                        source_names[i]));
    }

  /* Singles. */
  for (guint i = 0; i < input->sources->len; i++)
    if (!source_used[i])
      {
        PbCompareItem *item = item_new (input->sources->pdata[i], NULL, source_names[i]);

        item->duplicate_name =
          g_hash_table_lookup (source_by_name, source_names[i]) == GUINT_TO_POINTER (G_MAXUINT)
          || g_hash_table_lookup (target_by_name, source_names[i]) == GUINT_TO_POINTER (G_MAXUINT);
        g_ptr_array_add (items, item);
      }
  for (guint i = 0; i < input->targets->len; i++)
    if (!target_used[i])
      {
        PbCompareItem *item = item_new (NULL, input->targets->pdata[i], target_names[i]);

        item->duplicate_name =
          g_hash_table_lookup (source_by_name, target_names[i]) == GUINT_TO_POINTER (G_MAXUINT)
          || g_hash_table_lookup (target_by_name, target_names[i]) == GUINT_TO_POINTER (G_MAXUINT);
        g_ptr_array_add (items, item);
      }

  return items;
}

/* IDENTICAL when nothing but the server's fields differ, or members only the target has (a
 * copy keeps them: it would change nothing). */
static PbCompareGroup
group_of_pair (PbConnection *source,
               PbConnection *target)
{
  g_autofree char *source_json = dup_json (source);
  g_autofree char *target_json = dup_json (target);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  /* The same text is the same connection; most identical pairs differ in their refs, though. */
  if (g_strcmp0 (source_json, target_json) == 0)
    return PB_COMPARE_GROUP_IDENTICAL;

  /* Only whether there is a difference counts here: nothing is shown, so nothing is masked. */
  entries = pb_diff_connections (target_json, source_json,
                                 PB_DIFF_IGNORE_SERVER_FIELDS | PB_DIFF_REVEAL_SECRETS, &error);
  if (entries == NULL)
    {
      g_debug ("Comparing two connections failed: %s", error->message);
      return PB_COMPARE_GROUP_DIFFERENT;
    }
  if (entries->len > 0)
    _pb_compare_split_kept (target_json, source_json, entries, NULL);
  return entries->len == 0 ? PB_COMPARE_GROUP_IDENTICAL : PB_COMPARE_GROUP_DIFFERENT;
}

PbCompareResult *
_pb_compare_group (PbCompareInput *input,
                   GCancellable   *cancellable)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) target_uuids = NULL;
  PbCompareResult *result;
  char **source_names = g_new0 (char *, input->sources->len + 1);
  char **target_names = g_new0 (char *, input->targets->len + 1);

  items = pair_up (input, source_names, target_names);
  g_strfreev (source_names);
  g_strfreev (target_names);
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  target_uuids = _pb_compare_collect_uuids_array (input->targets);

  for (guint i = 0; i < items->len; i++)
    {
      PbCompareItem *item = g_ptr_array_index (items, i);

      if (i % CANCEL_CHECK_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;

      if (item->source != NULL && item->target != NULL)
        item->group = group_of_pair (item->source, item->target);
      if (item->source != NULL)
        {
          g_autofree char *json = dup_json (item->source);
          g_autoptr(GPtrArray) flags = NULL;

          flags = _pb_compare_find_self_references_json (json, input->base_url, target_uuids,
                                                         FALSE);
          item->n_self_references = flags != NULL ? flags->len : 0;
        }
    }

  g_ptr_array_sort (items, compare_items);

  result = g_new0 (PbCompareResult, 1);
  result->items = g_steal_pointer (&items);
  result->target_uuids = g_steal_pointer (&target_uuids);
  return result;
}
