/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-item-list"

#include "config.h"

#include "pb-item-list.h"
#include "pb-mapping.h"
#include "pb-name-value.h"

/* A compact array-backed GListModel for the tables of a connection. */

/* Items are immutable, so two lists can share them; equal items are not replaced. */
static gboolean
item_equal (gpointer a,
            gpointer b)
{
  if (a == b)
    return TRUE;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  if (PB_IS_NAME_VALUE (a))
    return pb_name_value_equal (a, b);
  if (PB_IS_INPUT_MAPPING (a))
    return pb_input_mapping_equal (a, b);
  if (PB_IS_OUTPUT_MAPPING (a))
    return pb_output_mapping_equal (a, b);

  return FALSE;
}

struct _PbItemList
{
  GObject   parent_instance;
  GType     item_type;
  guint     n_items;
  gpointer *items;
};

static GType
pb_item_list_get_item_type (GListModel *model)
{
  return PB_ITEM_LIST (model)->item_type;
}

static guint
pb_item_list_get_n_items (GListModel *model)
{
  return PB_ITEM_LIST (model)->n_items;
}

static gpointer
pb_item_list_get_item (GListModel *model,
                       guint       position)
{
  PbItemList *self = PB_ITEM_LIST (model);

  if (position >= self->n_items)
    return NULL;

  return g_object_ref (self->items[position]);
}

static void
pb_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_item_list_get_item_type;
  iface->get_n_items = pb_item_list_get_n_items;
  iface->get_item = pb_item_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PbItemList, pb_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pb_item_list_model_init))

static void
pb_item_list_finalize (GObject *object)
{
  PbItemList *self = (PbItemList *)object;

  for (guint i = 0; i < self->n_items; i++)
    g_object_unref (self->items[i]);
  g_free (self->items);

  G_OBJECT_CLASS (pb_item_list_parent_class)->finalize (object);
}

static void
pb_item_list_class_init (PbItemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_item_list_finalize;
}

static void
pb_item_list_init (PbItemList *self)
{
}

/* Takes the references of the items in `items` (may be NULL). */
PbItemList *
pb_item_list_new_take (GType      item_type,
                       GPtrArray *items)
{
  PbItemList *self = g_object_new (PB_TYPE_ITEM_LIST, NULL);

  self->item_type = item_type;
  if (items != NULL && items->len > 0)
    {
      self->n_items = items->len;
      self->items = g_memdup2 (items->pdata, sizeof (gpointer) * items->len);
      g_ptr_array_set_free_func (items, NULL);
      g_ptr_array_set_size (items, 0);
    }

  return self;
}

/* Makes the list hold the same items as `source` (of n_source items, not owned), with one
 * items-changed for the range that differs. */
static void
pb_item_list_sync (PbItemList *self,
                   gpointer   *source,
                   guint       n_source)
{
  guint prefix = 0;
  guint suffix = 0;
  guint n_removed;
  guint n_added;
  guint new_n;
  gpointer *new_items;
  gpointer *old_items;
  guint old_n;

  while (prefix < self->n_items && prefix < n_source
         && item_equal (self->items[prefix], source[prefix]))
    prefix++;
  while (suffix < self->n_items - prefix && suffix < n_source - prefix
         && item_equal (self->items[self->n_items - 1 - suffix], source[n_source - 1 - suffix]))
    suffix++;

  n_removed = self->n_items - prefix - suffix;
  n_added = n_source - prefix - suffix;
  if (n_removed == 0 && n_added == 0)
    return;

  new_n = n_source;
  new_items = new_n > 0 ? g_new (gpointer, new_n) : NULL;
  for (guint i = 0; i < prefix; i++)
    new_items[i] = self->items[i];
  for (guint i = 0; i < n_added; i++)
    new_items[prefix + i] = g_object_ref (source[prefix + i]);
  for (guint i = 0; i < suffix; i++)
    new_items[prefix + n_added + i] = self->items[self->n_items - suffix + i];

  old_items = self->items;
  old_n = self->n_items;
  self->items = new_items;
  self->n_items = new_n;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_removed, n_added);

  for (guint i = prefix; i < old_n - suffix; i++)
    g_object_unref (old_items[i]);
  g_free (old_items);
}

void
pb_item_list_sync_from (PbItemList *self,
                        PbItemList *source)
{
  g_return_if_fail (PB_IS_ITEM_LIST (self));
  g_return_if_fail (PB_IS_ITEM_LIST (source));

  pb_item_list_sync (self, source->items, source->n_items);
}
