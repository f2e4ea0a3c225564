/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-sorter"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-connection-sorter.h"

typedef enum
{
  ORDER_NAME,
  ORDER_MODIFIED,
  ORDER_SYSTEM_TYPE,
} Order;

static const char * const order_names[] = { "name", "modified", "system-type" };

struct _PbConnectionSorter
{
  GtkSorter parent_instance;

  Order       order;
  GHashTable *system_type_keys;  /* system type → its collation key */
};

G_DEFINE_FINAL_TYPE (PbConnectionSorter, pb_connection_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
collate_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ?: "", -1);

  return g_utf8_collate_key (folded, -1);
}

/* The collation key of a system type: there are only a few of them, each made once. */
static const char *
system_type_key (PbConnectionSorter *self,
                 PbConnection       *connection)
{
  const char *system_type = pb_connection_get_system_type (connection) ?: "";
  const char *key = g_hash_table_lookup (self->system_type_keys, system_type);

  if G_UNLIKELY (key == NULL)
    {
      key = collate_key (system_type);
      g_hash_table_insert (self->system_type_keys, g_strdup (system_type), (char *) key);
    }

  return key;
}

/* Milliseconds since 1970; connections without a date last. */
static gint64
modified_ms (PbConnection *connection)
{
  GDateTime *modified = pb_connection_get_modified_at (connection);

  if (modified == NULL)
    return G_MININT64;

  return g_date_time_to_unix (modified) * 1000 + g_date_time_get_microsecond (modified) / 1000;
}

static GtkOrdering
pb_connection_sorter_compare (GtkSorter *sorter,
                              gpointer   item1,
                              gpointer   item2)
{
  PbConnectionSorter *self = PB_CONNECTION_SORTER (sorter);
  PbConnection *a = item1;
  PbConnection *b = item2;
  int result = 0;

  if (self->order == ORDER_MODIFIED)
    {
      gint64 ma = modified_ms (a);
      gint64 mb = modified_ms (b);

      /* Newest first. */
      result = (ma < mb) - (ma > mb);
    }
  else if (self->order == ORDER_SYSTEM_TYPE)
    result = strcmp (system_type_key (self, a), system_type_key (self, b));

  /* The name's key is made with the connection, on the reader's thread. */
  if (result == 0)
    result = strcmp (pb_connection_get_name_key (a), pb_connection_get_name_key (b));

  return gtk_ordering_from_cmpfunc (result);
}

static GtkSorterOrder
pb_connection_sorter_get_sorter_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

const char *
pb_connection_sorter_get_order (PbConnectionSorter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_SORTER (self), NULL);

  return order_names[self->order];
}

void
pb_connection_sorter_set_order (PbConnectionSorter *self,
                                const char         *order)
{
  Order value = ORDER_NAME;

  g_return_if_fail (PB_IS_CONNECTION_SORTER (self));

  for (guint i = 0; i < G_N_ELEMENTS (order_names); i++)
    if (g_strcmp0 (order, order_names[i]) == 0)
      value = i;

  if (value == self->order)
    return;

  self->order = value;
  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

PbConnectionSorter *
pb_connection_sorter_new (void)
{
  return g_object_new (PB_TYPE_CONNECTION_SORTER, NULL);
}

static void
pb_connection_sorter_finalize (GObject *object)
{
  PbConnectionSorter *self = (PbConnectionSorter *)object;

  g_clear_pointer (&self->system_type_keys, g_hash_table_unref);

  G_OBJECT_CLASS (pb_connection_sorter_parent_class)->finalize (object);
}

static void
pb_connection_sorter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PbConnectionSorter *self = PB_CONNECTION_SORTER (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_string (value, pb_connection_sorter_get_order (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_sorter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PbConnectionSorter *self = PB_CONNECTION_SORTER (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      pb_connection_sorter_set_order (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_sorter_class_init (PbConnectionSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = pb_connection_sorter_finalize;
  object_class->get_property = pb_connection_sorter_get_property;
  object_class->set_property = pb_connection_sorter_set_property;

  sorter_class->compare = pb_connection_sorter_compare;
  sorter_class->get_order = pb_connection_sorter_get_sorter_order;

  properties[PROP_ORDER] =
    g_param_spec_string ("order", NULL, NULL,
                         "name",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_connection_sorter_init (PbConnectionSorter *self)
{
  self->order = ORDER_NAME;
  self->system_type_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
