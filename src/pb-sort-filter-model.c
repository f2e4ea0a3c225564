/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-sort-filter-model"

#include "config.h"

#include <string.h>

#include "pb-sort-filter-model.h"

/* Three arrays: the model's items in its order (to know what a change removes), every item in
 * the sorter's order with whether the filter keeps it, and the kept ones (what this model
 * lists). A change of the model or of the filter updates the first two where it must, then
 * makes the third again from the second (a pass of pointer copies) and reports the span where
 * the old and new lists differ. */

typedef struct
{
  gpointer item;
  gboolean kept;
} Entry;

struct _PbSortFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GtkSorter  *sorter;

  GPtrArray  *items;    /* the model's items, in its order (a reference each) */
  GArray     *sorted;   /* Entry: each of `items`, in the sorter's order */
  GPtrArray  *shown;    /* the kept items of `sorted`, in order: what this model lists */
};

static void pb_sort_filter_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbSortFilterModel, pb_sort_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pb_sort_filter_model_list_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  PROP_SORTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pb_sort_filter_model_get_item_type (GListModel *list)
{
  PbSortFilterModel *self = PB_SORT_FILTER_MODEL (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
pb_sort_filter_model_get_n_items (GListModel *list)
{
  return PB_SORT_FILTER_MODEL (list)->shown->len;
}

static gpointer
pb_sort_filter_model_get_item (GListModel *list,
                               guint       position)
{
  PbSortFilterModel *self = PB_SORT_FILTER_MODEL (list);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
pb_sort_filter_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_sort_filter_model_get_item_type;
  iface->get_n_items = pb_sort_filter_model_get_n_items;
  iface->get_item = pb_sort_filter_model_get_item;
}

static void
unref_items (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    g_object_unref (g_ptr_array_index (items, i));
}

static gboolean
keeps (PbSortFilterModel *self,
       gpointer           item)
{
  return self->filter == NULL || gtk_filter_match (self->filter, item);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  PbSortFilterModel *self = user_data;

  if (self->sorter == NULL)
    return 0;

  return gtk_sorter_compare (self->sorter, ((const Entry *) a)->item, ((const Entry *) b)->item);
}

/* Makes `shown` again from `sorted` and reports where it differs from before: one span from the
 * first row that differs to the last. */
static void
pb_sort_filter_model_update_shown (PbSortFilterModel *self)
{
  g_autoptr(GPtrArray) old = self->shown;
  guint n_old = old->len;
  guint n_new = 0;
  guint prefix = 0;
  guint suffix = 0;

  for (guint i = 0; i < self->sorted->len; i++)
    n_new += g_array_index (self->sorted, Entry, i).kept;

  self->shown = g_ptr_array_sized_new (n_new);
  for (guint i = 0; i < self->sorted->len; i++)
    {
      Entry *entry = &g_array_index (self->sorted, Entry, i);

      if (entry->kept)
        g_ptr_array_add (self->shown, entry->item);
    }

  while (prefix < n_old && prefix < n_new && old->pdata[prefix] == self->shown->pdata[prefix])
    prefix++;
  if (prefix == n_old && prefix == n_new)
    return;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         old->pdata[n_old - 1 - suffix] == self->shown->pdata[n_new - 1 - suffix])
    suffix++;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                              n_new - prefix - suffix);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Takes `removed` items out of `sorted`, by identity (an item in the model twice is taken out
 * as many times as it was removed). */
static void
remove_from_sorted (PbSortFilterModel *self,
                    guint              position,
                    guint              removed)
{
  g_autoptr(GHashTable) gone = g_hash_table_new (NULL, NULL);
  guint kept = 0;

  for (guint i = position; i < position + removed; i++)
    {
      gpointer item = g_ptr_array_index (self->items, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (gone, item));

      g_hash_table_insert (gone, item, GUINT_TO_POINTER (count + 1));
    }

  for (guint i = 0; i < self->sorted->len; i++)
    {
      Entry *entry = &g_array_index (self->sorted, Entry, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (gone, entry->item));

      if (count > 0)
        {
          g_hash_table_insert (gone, entry->item, GUINT_TO_POINTER (count - 1));
          continue;
        }
      g_array_index (self->sorted, Entry, kept++) = *entry;
    }
  g_array_set_size (self->sorted, kept);
}

/* Filters and sorts `added` entries on their own, then merges them into `sorted` (those already
 * there first where the sorter finds them equal). */
static void
merge_into_sorted (PbSortFilterModel *self,
                   GArray            *added)
{
  GArray *merged;
  guint i = 0, j = 0;

  for (guint k = 0; k < added->len; k++)
    {
      Entry *entry = &g_array_index (added, Entry, k);

      entry->kept = keeps (self, entry->item);
    }

  g_array_sort_with_data (added, compare_entries, self);
  if (self->sorted->len == 0)
    {
      g_array_append_vals (self->sorted, added->data, added->len);
      return;
    }

  merged = g_array_sized_new (FALSE, FALSE, sizeof (Entry), self->sorted->len + added->len);
  while (i < self->sorted->len && j < added->len)
    {
      Entry *a = &g_array_index (self->sorted, Entry, i);
      Entry *b = &g_array_index (added, Entry, j);

      if (compare_entries (a, b, self) <= 0)
        {
          g_array_append_vals (merged, a, 1);
          i++;
        }
      else
        {
          g_array_append_vals (merged, b, 1);
          j++;
        }
    }
  g_array_append_vals (merged, &g_array_index (self->sorted, Entry, i), self->sorted->len - i);
  g_array_append_vals (merged, &g_array_index (added, Entry, j), added->len - j);

  g_array_unref (self->sorted);
  self->sorted = merged;
}

/* Sorts every item again from the model's order, so that those the sorter finds equal keep
 * it; the filter looks at each again too. */
static void
pb_sort_filter_model_resort (PbSortFilterModel *self)
{
  g_array_set_size (self->sorted, 0);
  for (guint i = 0; i < self->items->len; i++)
    {
      gpointer item = g_ptr_array_index (self->items, i);
      Entry entry = { item, keeps (self, item) };

      g_array_append_val (self->sorted, entry);
    }
  if (self->sorter != NULL)
    g_array_sort_with_data (self->sorted, compare_entries, self);
}

static void
model_items_changed_cb (PbSortFilterModel *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        GListModel        *model)
{
  g_autoptr(GArray) new_entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), added);
  g_autoptr(GPtrArray) old_items = NULL;

  if (removed > 0)
    {
      remove_from_sorted (self, position, removed);
      /* The references go once nothing points at them any more. */
      old_items = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = position; i < position + removed; i++)
        g_ptr_array_add (old_items, g_ptr_array_index (self->items, i));
      g_ptr_array_remove_range (self->items, position, removed);
    }

  if (added > 0)
    {
      guint tail = self->items->len - position;

      g_ptr_array_set_size (self->items, self->items->len + added);
      memmove (self->items->pdata + position + added, self->items->pdata + position,
               tail * sizeof (gpointer));
      for (guint i = 0; i < added; i++)
        {
          Entry entry = { g_list_model_get_item (model, position + i), FALSE };

          self->items->pdata[position + i] = entry.item;
          g_array_append_val (new_entries, entry);
        }
      /* Without a sorter, the model's order: where the items went decides. */
      if (self->sorter != NULL)
        merge_into_sorted (self, new_entries);
      else
        pb_sort_filter_model_resort (self);
    }

  pb_sort_filter_model_update_shown (self);
}

static void
filter_changed_cb (PbSortFilterModel *self,
                   GtkFilterChange    change,
                   GtkFilter         *filter)
{
  GtkFilterMatch strictness = gtk_filter_get_strictness (filter);

  for (guint i = 0; i < self->sorted->len; i++)
    {
      Entry *entry = &g_array_index (self->sorted, Entry, i);

      if (strictness == GTK_FILTER_MATCH_ALL)
        entry->kept = TRUE;
      else if (strictness == GTK_FILTER_MATCH_NONE)
        entry->kept = FALSE;
      /* Stricter: what was hidden stays hidden. Less strict: what was kept stays. */
      else if ((change == GTK_FILTER_CHANGE_MORE_STRICT && entry->kept) ||
               (change == GTK_FILTER_CHANGE_LESS_STRICT && !entry->kept) ||
               change == GTK_FILTER_CHANGE_DIFFERENT)
        entry->kept = gtk_filter_match (filter, entry->item);
    }

  pb_sort_filter_model_update_shown (self);
}

static void
sorter_changed_cb (PbSortFilterModel *self,
                   GtkSorterChange    change,
                   GtkSorter         *sorter)
{
  pb_sort_filter_model_resort (self);
  pb_sort_filter_model_update_shown (self);
}

void
pb_sort_filter_model_refresh (PbSortFilterModel *self)
{
  g_return_if_fail (PB_IS_SORT_FILTER_MODEL (self));

  pb_sort_filter_model_resort (self);
  pb_sort_filter_model_update_shown (self);
}

GListModel *
pb_sort_filter_model_get_model (PbSortFilterModel *self)
{
  g_return_val_if_fail (PB_IS_SORT_FILTER_MODEL (self), NULL);

  return self->model;
}

void
pb_sort_filter_model_set_model (PbSortFilterModel *self,
                                GListModel        *model)
{
  g_return_if_fail (PB_IS_SORT_FILTER_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_array_set_size (self->sorted, 0);
  unref_items (self->items);
  g_ptr_array_set_size (self->items, 0);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      /* As if the model had just added all of its items. */
      model_items_changed_cb (self, 0, 0, g_list_model_get_n_items (model), model);
    }
  else
    pb_sort_filter_model_update_shown (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GtkFilter *
pb_sort_filter_model_get_filter (PbSortFilterModel *self)
{
  g_return_val_if_fail (PB_IS_SORT_FILTER_MODEL (self), NULL);

  return self->filter;
}

void
pb_sort_filter_model_set_filter (PbSortFilterModel *self,
                                 GtkFilter         *filter)
{
  g_return_if_fail (PB_IS_SORT_FILTER_MODEL (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  pb_sort_filter_model_resort (self);
  pb_sort_filter_model_update_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

GtkSorter *
pb_sort_filter_model_get_sorter (PbSortFilterModel *self)
{
  g_return_val_if_fail (PB_IS_SORT_FILTER_MODEL (self), NULL);

  return self->sorter;
}

void
pb_sort_filter_model_set_sorter (PbSortFilterModel *self,
                                 GtkSorter         *sorter)
{
  g_return_if_fail (PB_IS_SORT_FILTER_MODEL (self));
  g_return_if_fail (sorter == NULL || GTK_IS_SORTER (sorter));

  if (self->sorter == sorter)
    return;

  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, sorter_changed_cb, self);
  g_set_object (&self->sorter, sorter);
  if (sorter != NULL)
    g_signal_connect_object (sorter, "changed", G_CALLBACK (sorter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  pb_sort_filter_model_resort (self);
  pb_sort_filter_model_update_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTER]);
}

PbSortFilterModel *
pb_sort_filter_model_new (GListModel *model,
                          GtkFilter  *filter,
                          GtkSorter  *sorter)
{
  return g_object_new (PB_TYPE_SORT_FILTER_MODEL,
                       "model", model,
                       "filter", filter,
                       "sorter", sorter,
                       NULL);
}

static void
pb_sort_filter_model_dispose (GObject *object)
{
  PbSortFilterModel *self = (PbSortFilterModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, sorter_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (pb_sort_filter_model_parent_class)->dispose (object);
}

static void
pb_sort_filter_model_finalize (GObject *object)
{
  PbSortFilterModel *self = (PbSortFilterModel *)object;

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_array_unref);
  unref_items (self->items);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_sort_filter_model_parent_class)->finalize (object);
}

static void
pb_sort_filter_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PbSortFilterModel *self = PB_SORT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    case PROP_SORTER:
      g_value_set_object (value, self->sorter);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->shown->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sort_filter_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PbSortFilterModel *self = PB_SORT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      pb_sort_filter_model_set_model (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      pb_sort_filter_model_set_filter (self, g_value_get_object (value));
      break;

    case PROP_SORTER:
      pb_sort_filter_model_set_sorter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sort_filter_model_class_init (PbSortFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_sort_filter_model_dispose;
  object_class->finalize = pb_sort_filter_model_finalize;
  object_class->get_property = pb_sort_filter_model_get_property;
  object_class->set_property = pb_sort_filter_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         GTK_TYPE_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SORTER] =
    g_param_spec_object ("sorter", NULL, NULL,
                         GTK_TYPE_SORTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_sort_filter_model_init (PbSortFilterModel *self)
{
  self->items = g_ptr_array_new ();
  self->sorted = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->shown = g_ptr_array_new ();
}
