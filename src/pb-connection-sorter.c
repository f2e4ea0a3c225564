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

  Order     order;
};

G_DEFINE_FINAL_TYPE (PbConnectionSorter, pb_connection_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The collation keys (ignoring case) of a connection's name and system type, kept with it and
 * dropped when one of its values changes (pb_connection_update_from notifies): sorting 10,000
 * compares each about 14 times, and a key costs more to make than to compare. */
typedef struct
{
  char *name;
  char *system_type;
} SortKeys;

static void
sort_keys_free (gpointer data)
{
  SortKeys *keys = data;

  g_free (keys->name);
  g_free (keys->system_type);
  g_free (keys);
}

static GQuark
sort_keys_quark (void)
{
  static GQuark quark;

  if G_UNLIKELY (quark == 0)
    quark = g_quark_from_static_string ("pb-sort-keys");

  return quark;
}

static void
sort_keys_drop (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  SortKeys *keys = g_object_get_qdata (object, sort_keys_quark ());

  g_clear_pointer (&keys->name, g_free);
  g_clear_pointer (&keys->system_type, g_free);
}

static SortKeys *
sort_keys (PbConnection *connection)
{
  SortKeys *keys = g_object_get_qdata (G_OBJECT (connection), sort_keys_quark ());

  if G_UNLIKELY (keys == NULL)
    {
      keys = g_new0 (SortKeys, 1);
      g_object_set_qdata_full (G_OBJECT (connection), sort_keys_quark (), keys, sort_keys_free);
      g_signal_connect (connection, "notify", G_CALLBACK (sort_keys_drop), NULL);
    }

  return keys;
}

static char *
collate_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ?: "", -1);

  return g_utf8_collate_key (folded, -1);
}

static int
compare_names (SortKeys     *keys_a,
               PbConnection *a,
               SortKeys     *keys_b,
               PbConnection *b)
{
  if G_UNLIKELY (keys_a->name == NULL)
    keys_a->name = collate_key (pb_connection_get_name (a));
  if G_UNLIKELY (keys_b->name == NULL)
    keys_b->name = collate_key (pb_connection_get_name (b));

  return strcmp (keys_a->name, keys_b->name);
}

static int
compare_system_types (SortKeys     *keys_a,
                      PbConnection *a,
                      SortKeys     *keys_b,
                      PbConnection *b)
{
  if G_UNLIKELY (keys_a->system_type == NULL)
    keys_a->system_type = collate_key (pb_connection_get_system_type (a));
  if G_UNLIKELY (keys_b->system_type == NULL)
    keys_b->system_type = collate_key (pb_connection_get_system_type (b));

  return strcmp (keys_a->system_type, keys_b->system_type);
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
  SortKeys *keys_a = sort_keys (a);
  SortKeys *keys_b = sort_keys (b);
  int result = 0;

  if (self->order == ORDER_MODIFIED)
    {
      gint64 ma = modified_ms (a);
      gint64 mb = modified_ms (b);

      /* Newest first. */
      result = (ma < mb) - (ma > mb);
    }
  else if (self->order == ORDER_SYSTEM_TYPE)
    result = compare_system_types (keys_a, a, keys_b, b);

  if (result == 0)
    result = compare_names (keys_a, a, keys_b, b);

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
}
