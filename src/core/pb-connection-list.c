/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-list"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-connection-list.h"
#include "pb-connection-parser.h"

/* The list the window binds to. Items live in a plain array (fast get_item), and a hash table
 * maps each ref to its connection (fast find and merge). replace_all() keeps the objects whose
 * ref stays, and tells views about the change in as few contiguous items-changed as it can. */

/* At most this many array moves (items × signals) for one replace_all; past it, neighbouring
 * changes are merged into one signal. */
#define MAX_SPLICE_WORK (32 * 1024 * 1024)

struct _PbConnectionList
{
  GObject     parent_instance;
  GPtrArray  *items; /* of PbConnection, a reference each (no free func) */
  GHashTable *by_ref; /* ref (owned copy) -> PbConnection in items (first of that ref) */
};

static void pb_connection_list_model_init (GListModelInterface *iface);

/* The hash of a ref, eight bytes at a time: refs are long (UUIDs), and g_str_hash takes them
 * a byte at a time. */
static guint
ref_hash (gconstpointer key)
{
  return _pb_text_hash (key, strlen (key));
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PbConnectionList, pb_connection_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_connection_list_model_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pb_connection_list_get_item_type (GListModel *model)
{
  return PB_TYPE_CONNECTION;
}

static guint
pb_connection_list_get_n_items (GListModel *model)
{
  return PB_CONNECTION_LIST (model)->items->len;
}

static gpointer
pb_connection_list_get_item (GListModel *model,
                             guint       position)
{
  PbConnectionList *self = PB_CONNECTION_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pb_connection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_connection_list_get_item_type;
  iface->get_n_items = pb_connection_list_get_n_items;
  iface->get_item = pb_connection_list_get_item;
}

static void
pb_connection_list_finalize (GObject *object)
{
  PbConnectionList *self = (PbConnectionList *)object;

  g_hash_table_unref (self->by_ref);
  for (guint i = 0; i < self->items->len; i++)
    g_object_unref (g_ptr_array_index (self->items, i));
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (pb_connection_list_parent_class)->finalize (object);
}

static void
pb_connection_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbConnectionList *self = PB_CONNECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, PB_TYPE_CONNECTION);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_list_class_init (PbConnectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_connection_list_finalize;
  object_class->get_property = pb_connection_list_get_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_connection_list_init (PbConnectionList *self)
{
  self->items = g_ptr_array_new ();
  self->by_ref = g_hash_table_new_full (ref_hash, g_str_equal, g_free, NULL);
}

PbConnectionList *
pb_connection_list_new (void)
{
  return g_object_new (PB_TYPE_CONNECTION_LIST, NULL);
}

static void
items_changed (PbConnectionList *self,
               guint             position,
               guint             removed,
               guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Indexes the connection by its ref unless that ref is indexed already. */
static void
index_connection (GHashTable   *by_ref,
                  PbConnection *connection)
{
  const char *ref = pb_connection_get_ref (connection);

  if (ref != NULL && !g_hash_table_contains (by_ref, ref))
    g_hash_table_insert (by_ref, g_strdup (ref), connection);
}

void
pb_connection_list_append (PbConnectionList *self,
                           GPtrArray        *connections)
{
  guint position;

  g_return_if_fail (PB_IS_CONNECTION_LIST (self));
  g_return_if_fail (connections != NULL);

  if (connections->len == 0)
    return;

  for (guint i = 0; i < connections->len; i++)
    g_return_if_fail (PB_IS_CONNECTION (g_ptr_array_index (connections, i)));

  position = self->items->len;
  for (guint i = 0; i < connections->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (connections, i);

      g_ptr_array_add (self->items, g_object_ref (connection));
      index_connection (self->by_ref, connection);
    }

  items_changed (self, position, 0, connections->len);
}

typedef struct
{
  guint position;  /* in the new order */
  guint removed;
  guint added;
  guint kept_after; /* unchanged items between this change and the next */
} Splice;

/* Positions in `seq` (values >= 0) that form a longest increasing subsequence of it. */
static GArray *
longest_increasing (const gint64 *seq,
                    guint         n)
{
  g_autofree guint *tails = g_new (guint, n + 1); /* index in seq of the end of each length */
  g_autofree guint *prev = g_new (guint, n + 1);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint lo = 0;
      guint hi = length;

      if (seq[i] < 0)
        continue;

      /* The first length whose tail is >= seq[i]. */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (seq[tails[mid]] < seq[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      prev[i] = lo > 0 ? tails[lo - 1] : G_MAXUINT;
      tails[lo] = i;
      if (lo == length)
        length++;
    }

  if (length > 0)
    {
      guint i = tails[length - 1];

      g_array_set_size (result, length);
      for (guint k = length; k > 0; k--)
        {
          g_array_index (result, guint, k - 1) = i;
          i = prev[i];
        }
    }

  return result;
}

static int
compare_kept (gconstpointer a,
              gconstpointer b)
{
  const Splice *sa = *(const Splice * const *)a;
  const Splice *sb = *(const Splice * const *)b;

  return (sa->kept_after > sb->kept_after) - (sa->kept_after < sb->kept_after);
}

/* Merges neighbouring changes (across the shortest runs of kept items) until at most
 * `max` remain. */
static void
merge_splices (GArray *splices,
               guint   max)
{
  g_autoptr(GPtrArray) by_gap = g_ptr_array_new ();
  g_autofree gboolean *merge_next = NULL;
  guint n = splices->len;
  guint out = 0;

  if (n <= max)
    return;

  merge_next = g_new0 (gboolean, n);
  for (guint i = 0; i + 1 < n; i++)
    g_ptr_array_add (by_gap, &g_array_index (splices, Splice, i));
  g_ptr_array_sort (by_gap, compare_kept);
  for (guint i = 0; i < n - max; i++)
    merge_next[(Splice *)g_ptr_array_index (by_gap, i) - (Splice *)splices->data] = TRUE;

  for (guint i = 0; i < n; i++)
    {
      Splice merged = g_array_index (splices, Splice, i);

      while (merge_next[i])
        {
          const Splice *next = &g_array_index (splices, Splice, i + 1);

          /* The kept items in between are removed and added again. */
          merged.removed += merged.kept_after + next->removed;
          merged.added += merged.kept_after + next->added;
          merged.kept_after = next->kept_after;
          i++;
        }
      g_array_index (splices, Splice, out++) = merged;
    }
  g_array_set_size (splices, out);
}

/* Where the items of the old list are, for the merge of replace_all. Lists mostly keep their
 * order, so the place after the last one found is tried first; a map of every old item is
 * made only when that misses. */
typedef struct
{
  GPtrArray  *items;
  GHashTable *positions; /* item -> its first position + 1; NULL until needed */
  guint       next;
} OldPlaces;

/* The position of `item` in the old list, or -1. */
static gint64
old_places_find (OldPlaces *places,
                 gpointer   item)
{
  guint pos;

  if (places->next < places->items->len && places->items->pdata[places->next] == item)
    pos = places->next;
  else
    {
      if (places->positions == NULL)
        {
          places->positions = g_hash_table_new (NULL, NULL);
          for (guint i = places->items->len; i > 0; i--)
            g_hash_table_insert (places->positions, places->items->pdata[i - 1],
                                 GUINT_TO_POINTER (i));
        }
      pos = GPOINTER_TO_UINT (g_hash_table_lookup (places->positions, item));
      if (pos == 0)
        return -1;
      pos--;
    }

  places->next = pos + 1;
  return pos;
}

/* What the merge changes in the index, applied by index_apply() once the values are in. */
typedef struct
{
  GPtrArray *vanished; /* old items no longer there (unused old positions): refs to drop */
  GPtrArray *added;    /* new objects with a ref, in the new order: index unless known */
} IndexChanges;

/* Step 1 of the merge when every old item is indexed under a ref of its own (the usual case:
 * the server's refs are unique): the index is then updated in place instead of being made
 * again. An old object is kept for the first new item of its ref. Fills `final`, `old_index`
 * and `used`, and `changes`. */

static void
merge_indexed (PbConnectionList *self,
               GPtrArray        *connections,
               GPtrArray        *final,
               gint64           *old_index,
               gboolean         *used,
               IndexChanges     *changes)
{
  OldPlaces places = { self->items, NULL, 0 };

  for (guint i = 0; i < connections->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (connections, i);
      const char *ref = pb_connection_get_ref (connection);
      PbConnection *existing = ref != NULL ? g_hash_table_lookup (self->by_ref, ref) : NULL;
      gint64 pos = existing != NULL ? old_places_find (&places, existing) : -1;

      /* Every old object has a ref of its own: when the one of this ref is taken already,
       * the ref came earlier in the new list, and no other old object can be this item. */
      old_index[i] = -1;
      if (pos >= 0 && !used[pos])
        {
          used[pos] = TRUE;
          old_index[i] = pos;
          pb_connection_update_from (existing, connection);
          g_ptr_array_add (final, g_object_ref (existing));
        }
      else
        {
          g_ptr_array_add (final, g_object_ref (connection));
          if (ref != NULL)
            g_ptr_array_add (changes->added, connection);
        }
    }

  for (guint i = 0; i < self->items->len; i++)
    if (!used[i])
      g_ptr_array_add (changes->vanished, g_ptr_array_index (self->items, i));

  g_clear_pointer (&places.positions, g_hash_table_unref);
}

static void
index_apply (GHashTable   *by_ref,
             IndexChanges *changes)
{
  for (guint i = 0; i < changes->vanished->len; i++)
    {
      PbConnection *gone = g_ptr_array_index (changes->vanished, i);
      const char *ref = pb_connection_get_ref (gone);

      if (ref != NULL && g_hash_table_lookup (by_ref, ref) == gone)
        g_hash_table_remove (by_ref, ref);
    }
  for (guint i = 0; i < changes->added->len; i++)
    index_connection (by_ref, g_ptr_array_index (changes->added, i));
}

/* Step 1 in general (old items without a ref, or several of one ref): a new index. An old
 * object is kept for the first new item of its ref, and an old object given again is kept
 * where it is. Fills `final`, `old_index` and `used`; returns the new index. */
static GHashTable *
merge_general (PbConnectionList *self,
               GPtrArray        *connections,
               GPtrArray        *final,
               gint64           *old_index,
               gboolean         *used)
{
  GHashTable *new_by_ref = g_hash_table_new_full (ref_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) old_position = g_hash_table_new (NULL, NULL);
  GPtrArray *old_items = self->items;

  for (guint i = 0; i < connections->len; i++)
    {
      PbConnection *connection = g_ptr_array_index (connections, i);
      const char *ref = pb_connection_get_ref (connection);
      PbConnection *existing = NULL;

      if (ref != NULL && !g_hash_table_contains (new_by_ref, ref))
        {
          existing = g_hash_table_lookup (self->by_ref, ref);
          g_hash_table_insert (new_by_ref, g_strdup (ref), existing ? existing : connection);
        }

      if (existing != NULL)
        {
          pb_connection_update_from (existing, connection);
          g_ptr_array_add (final, g_object_ref (existing));
        }
      else
        g_ptr_array_add (final, g_object_ref (connection));
    }

  /* Where each final item was before (-1: new). An object may only be kept once. */
  for (guint i = old_items->len; i > 0; i--)
    g_hash_table_insert (old_position, g_ptr_array_index (old_items, i - 1),
                         GUINT_TO_POINTER (i));
  for (guint i = 0; i < connections->len; i++)
    {
      guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (old_position,
                                                         g_ptr_array_index (final, i)));

      old_index[i] = -1;
      if (pos > 0 && !used[pos - 1])
        {
          used[pos - 1] = TRUE;
          old_index[i] = pos - 1;
        }
    }

  return new_by_ref;
}

void
pb_connection_list_replace_all (PbConnectionList *self,
                                GPtrArray        *connections)
{
  g_autoptr(GHashTable) new_by_ref = NULL;
  g_autoptr(GPtrArray) final = NULL;
  g_autoptr(GArray) anchors = NULL;
  g_autoptr(GArray) splices = NULL;
  g_autoptr(GPtrArray) vanished = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree gint64 *old_index = NULL;
  g_autofree gboolean *used = NULL;
  guint n_old;
  guint n_new;
  guint prev_old = 0;
  guint prev_new = 0;
  guint max_splices;
  gboolean in_place;

  g_return_if_fail (PB_IS_CONNECTION_LIST (self));
  g_return_if_fail (connections != NULL);

  /* The list already holds these very objects in this order (the window's replace_all after
   * appending every page): nothing to update, nothing to tell. One pointer comparison per item,
   * before any hashing. */
  if (connections->len == self->items->len
      && (connections->len == 0
          || memcmp (connections->pdata, self->items->pdata,
                     sizeof (gpointer) * connections->len) == 0))
    return;

  for (guint i = 0; i < connections->len; i++)
    g_return_if_fail (PB_IS_CONNECTION (g_ptr_array_index (connections, i)));

  n_old = self->items->len;
  n_new = connections->len;

  /* 1. The final list: old objects updated in place where the ref is known, and where each
   * final item was before (-1: new). The index is not touched yet: handlers of the objects'
   * notifications may still look things up in the list as it was. */
  final = g_ptr_array_new_full (n_new, g_object_unref);
  old_index = g_new (gint64, n_new);
  used = g_new0 (gboolean, n_old);
  if (g_hash_table_size (self->by_ref) == n_old)
    {
      IndexChanges changes;

      vanished = g_ptr_array_new ();
      added = g_ptr_array_new ();
      changes.vanished = vanished;
      changes.added = added;
      merge_indexed (self, connections, final, old_index, used, &changes);
    }
  else
    new_by_ref = merge_general (self, connections, final, old_index, used);

  /* The same items in the same places (a refresh where only values changed): no signal. */
  in_place = n_new == n_old;
  for (guint i = 0; in_place && i < n_new; i++)
    in_place = old_index[i] == i;

  /* 2. The index of the final list. */
  if (new_by_ref != NULL)
    {
      g_hash_table_unref (self->by_ref);
      self->by_ref = g_steal_pointer (&new_by_ref);
    }
  else
    {
      IndexChanges changes = { vanished, added };

      index_apply (self->by_ref, &changes);
    }

  if (in_place)
    return;

  /* 3. The items that stay in place relative to each other: a longest increasing run of old
   * positions. Everything between two of them is one change. */
  anchors = longest_increasing (old_index, n_new);
  splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  for (guint k = 0; k <= anchors->len; k++)
    {
      guint new_pos = k < anchors->len ? g_array_index (anchors, guint, k) : n_new;
      guint old_pos = k < anchors->len ? (guint)old_index[new_pos] : n_old;

      if (new_pos > prev_new || old_pos > prev_old)
        {
          Splice s = { prev_new, old_pos - prev_old, new_pos - prev_new, 0 };

          g_array_append_val (splices, s);
        }
      /* The anchor itself stays: count it for the change before it. */
      if (k < anchors->len && splices->len > 0)
        g_array_index (splices, Splice, splices->len - 1).kept_after++;

      prev_new = new_pos + 1;
      prev_old = old_pos + 1;
    }

  max_splices = MAX (1, MAX_SPLICE_WORK / MAX (1, MAX (n_old, n_new)));
  merge_splices (splices, max_splices);

  /* 4. Apply the changes one by one from the start, so that the list is always what the
   * signals so far describe: the final items up to the change, the old ones after it. */
  for (guint k = 0; k < splices->len; k++)
    {
      const Splice *s = &g_array_index (splices, Splice, k);
      guint len = self->items->len;
      g_autofree gpointer *removed = g_memdup2 (self->items->pdata + s->position,
                                                sizeof (gpointer) * s->removed);

      if (s->added > s->removed)
        g_ptr_array_set_size (self->items, len + s->added - s->removed);
      memmove (self->items->pdata + s->position + s->added,
               self->items->pdata + s->position + s->removed,
               sizeof (gpointer) * (len - s->position - s->removed));
      if (s->added < s->removed)
        g_ptr_array_set_size (self->items, len + s->added - s->removed);
      for (guint i = 0; i < s->added; i++)
        self->items->pdata[s->position + i] = g_object_ref (g_ptr_array_index (final,
                                                                               s->position + i));

      items_changed (self, s->position, s->removed, s->added);

      /* `final` keeps alive the items that are removed here and added again later. */
      for (guint i = 0; i < s->removed; i++)
        g_object_unref (removed[i]);
    }
}

PbConnection *
pb_connection_list_update (PbConnectionList *self,
                           PbConnection     *connection)
{
  PbConnection *existing = NULL;
  const char *ref;

  g_return_val_if_fail (PB_IS_CONNECTION_LIST (self), NULL);
  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  ref = pb_connection_get_ref (connection);
  if (ref != NULL)
    existing = g_hash_table_lookup (self->by_ref, ref);

  if (existing != NULL)
    {
      pb_connection_update_from (existing, connection);
      return existing;
    }

  g_ptr_array_add (self->items, g_object_ref (connection));
  index_connection (self->by_ref, connection);
  items_changed (self, self->items->len - 1, 0, 1);

  return connection;
}

gboolean
pb_connection_list_remove (PbConnectionList *self,
                           const char       *ref)
{
  PbConnection *existing;
  guint position;

  g_return_val_if_fail (PB_IS_CONNECTION_LIST (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);

  existing = g_hash_table_lookup (self->by_ref, ref);
  if (existing == NULL || !g_ptr_array_find (self->items, existing, &position))
    return FALSE;

  g_hash_table_remove (self->by_ref, ref);
  g_ptr_array_remove_index (self->items, position);

  /* Another connection with the same ref (a server that repeats itself) takes its place. */
  for (guint i = position; i < self->items->len; i++)
    if (g_strcmp0 (pb_connection_get_ref (g_ptr_array_index (self->items, i)), ref) == 0)
      {
        index_connection (self->by_ref, g_ptr_array_index (self->items, i));
        break;
      }

  items_changed (self, position, 1, 0);
  g_object_unref (existing);

  return TRUE;
}

PbConnection *
pb_connection_list_find (PbConnectionList *self,
                         const char       *ref,
                         guint            *position)
{
  PbConnection *existing;

  g_return_val_if_fail (PB_IS_CONNECTION_LIST (self), NULL);

  if (ref == NULL)
    return NULL;

  existing = g_hash_table_lookup (self->by_ref, ref);
  if (existing != NULL && position != NULL)
    g_ptr_array_find (self->items, existing, position);

  return existing;
}

void
pb_connection_list_clear (PbConnectionList *self)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (PB_IS_CONNECTION_LIST (self));

  if (self->items->len == 0)
    return;

  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new ();
  g_hash_table_remove_all (self->by_ref);

  items_changed (self, 0, old->len, 0);

  for (guint i = 0; i < old->len; i++)
    g_object_unref (g_ptr_array_index (old, i));
}
