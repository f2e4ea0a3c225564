/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-name-value"

#include "config.h"

#include <string.h>

#include "pb-name-value.h"
#include "pb-name-value-private.h"

/* {{{ Strings of a row */

char *
_pb_pack_strings (const char * const *in,
                  guint               n,
                  const char        **out)
{
  gsize total = 0;
  char *block;
  char *p;

  for (guint i = 0; i < n; i++)
    if (in[i] != NULL)
      total += strlen (in[i]) + 1;

  if (total == 0)
    {
      for (guint i = 0; i < n; i++)
        out[i] = NULL;
      return NULL;
    }

  p = block = g_malloc (total);
  for (guint i = 0; i < n; i++)
    {
      if (in[i] == NULL)
        {
          out[i] = NULL;
          continue;
        }
      out[i] = p;
      p = g_stpcpy (p, in[i]) + 1;
    }

  return block;
}

gboolean
_pb_strv_equal (const char * const *a,
                const char * const *b,
                guint               n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

/* }}} */
/* {{{ PbNameValue */

struct _PbNameValue
{
  GObject     parent_instance;
  char       *block;
  const char *fields[2];
};

enum { NV_NAME, NV_VALUE, NV_N_FIELDS };

G_DEFINE_FINAL_TYPE (PbNameValue, pb_name_value, G_TYPE_OBJECT)

enum {
  NV_PROP_0,
  NV_PROP_NAME,
  NV_PROP_VALUE,
  NV_N_PROPS
};

static GParamSpec *nv_properties[NV_N_PROPS];

static void
pb_name_value_finalize (GObject *object)
{
  PbNameValue *self = (PbNameValue *)object;

  g_free (self->block);

  G_OBJECT_CLASS (pb_name_value_parent_class)->finalize (object);
}

static void
pb_name_value_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbNameValue *self = PB_NAME_VALUE (object);

  switch (prop_id)
    {
    case NV_PROP_NAME:
    case NV_PROP_VALUE:
      g_value_set_string (value, self->fields[prop_id - NV_PROP_NAME]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_name_value_class_init (PbNameValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_name_value_finalize;
  object_class->get_property = pb_name_value_get_property;

  nv_properties[NV_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  nv_properties[NV_PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, NV_N_PROPS, nv_properties);
}

static void
pb_name_value_init (PbNameValue *self)
{
}

PbNameValue *
pb_name_value_new (const char *name,
                   const char *value)
{
  const char *in[NV_N_FIELDS] = { name, value };
  PbNameValue *self = g_object_new (PB_TYPE_NAME_VALUE, NULL);

  self->block = _pb_pack_strings (in, NV_N_FIELDS, self->fields);

  return self;
}

const char *
pb_name_value_get_name (PbNameValue *self)
{
  g_return_val_if_fail (PB_IS_NAME_VALUE (self), NULL);

  return self->fields[NV_NAME];
}

const char *
pb_name_value_get_value (PbNameValue *self)
{
  g_return_val_if_fail (PB_IS_NAME_VALUE (self), NULL);

  return self->fields[NV_VALUE];
}

gboolean
pb_name_value_equal (PbNameValue *a,
                     PbNameValue *b)
{
  g_return_val_if_fail (PB_IS_NAME_VALUE (a), FALSE);
  g_return_val_if_fail (PB_IS_NAME_VALUE (b), FALSE);

  return a == b || _pb_strv_equal (a->fields, b->fields, NV_N_FIELDS);
}

/* }}} */
