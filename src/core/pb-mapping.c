/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-mapping"

#include "config.h"

#include <string.h>

#include "pb-mapping.h"
#include "pb-name-value-private.h"
#include "pb-secret.h"

/* {{{ PbInputMapping */

enum { IM_LABEL, IM_KEY, IM_TYPE, IM_EXAMPLE_VALUE, IM_MAPPING, IM_N_FIELDS };

struct _PbInputMapping
{
  GObject     parent_instance;
  char       *block;
  const char *fields[IM_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PbInputMapping, pb_input_mapping, G_TYPE_OBJECT)

enum {
  IM_PROP_0,
  IM_PROP_LABEL,
  IM_PROP_KEY,
  IM_PROP_VALUE_TYPE,
  IM_PROP_EXAMPLE_VALUE,
  IM_PROP_MAPPING,
  IM_N_PROPS
};

static GParamSpec *im_properties[IM_N_PROPS];

static void
pb_input_mapping_finalize (GObject *object)
{
  PbInputMapping *self = (PbInputMapping *)object;

  g_free (self->block);

  G_OBJECT_CLASS (pb_input_mapping_parent_class)->finalize (object);
}

static void
pb_input_mapping_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbInputMapping *self = PB_INPUT_MAPPING (object);

  if (prop_id > IM_PROP_0 && prop_id < IM_N_PROPS)
    g_value_set_string (value, self->fields[prop_id - IM_PROP_LABEL]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pb_input_mapping_class_init (PbInputMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "label", "key", "value-type", "example-value", "mapping" };

  object_class->finalize = pb_input_mapping_finalize;
  object_class->get_property = pb_input_mapping_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    im_properties[IM_PROP_LABEL + i] =
      g_param_spec_string (names[i], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, IM_N_PROPS, im_properties);
}

static void
pb_input_mapping_init (PbInputMapping *self)
{
}

PbInputMapping *
pb_input_mapping_new (const char *label,
                      const char *key,
                      const char *value_type,
                      const char *example_value,
                      const char *mapping)
{
  const char *in[IM_N_FIELDS] = { label, key, value_type, example_value, mapping };
  PbInputMapping *self = g_object_new (PB_TYPE_INPUT_MAPPING, NULL);

  self->block = _pb_pack_strings (in, IM_N_FIELDS, self->fields);

  return self;
}

#define IM_GETTER(func, field)                                    \
  const char *                                                    \
  pb_input_mapping_get_##func (PbInputMapping *self)              \
  {                                                               \
    g_return_val_if_fail (PB_IS_INPUT_MAPPING (self), NULL);      \
    return self->fields[field];                                   \
  }

IM_GETTER (label, IM_LABEL)
IM_GETTER (key, IM_KEY)
IM_GETTER (value_type, IM_TYPE)
IM_GETTER (example_value, IM_EXAMPLE_VALUE)
IM_GETTER (mapping, IM_MAPPING)

PbInputMapping *
pb_input_mapping_dup_masked (PbInputMapping *self)
{
  const char *example;
  g_autofree char *masked = NULL;

  g_return_val_if_fail (PB_IS_INPUT_MAPPING (self), NULL);

  example = self->fields[IM_EXAMPLE_VALUE];
  if (example == NULL || *example == '\0' || !pb_secret_name_looks_secret (self->fields[IM_KEY]))
    return g_object_ref (self);

  masked = pb_secret_mask (example);
  return pb_input_mapping_new (self->fields[IM_LABEL], self->fields[IM_KEY],
                               self->fields[IM_TYPE], masked, self->fields[IM_MAPPING]);
}

gboolean
pb_input_mapping_equal (PbInputMapping *a,
                        PbInputMapping *b)
{
  g_return_val_if_fail (PB_IS_INPUT_MAPPING (a), FALSE);
  g_return_val_if_fail (PB_IS_INPUT_MAPPING (b), FALSE);

  return a == b || _pb_strv_equal (a->fields, b->fields, IM_N_FIELDS);
}

/* }}} */
/* {{{ PbOutputMapping */

enum { OM_LABEL, OM_OUTPUT_REFERENCE, OM_TYPE, OM_N_FIELDS };

struct _PbOutputMapping
{
  GObject     parent_instance;
  char       *block;
  const char *fields[OM_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PbOutputMapping, pb_output_mapping, G_TYPE_OBJECT)

enum {
  OM_PROP_0,
  OM_PROP_LABEL,
  OM_PROP_OUTPUT_REFERENCE,
  OM_PROP_VALUE_TYPE,
  OM_N_PROPS
};

static GParamSpec *om_properties[OM_N_PROPS];

static void
pb_output_mapping_finalize (GObject *object)
{
  PbOutputMapping *self = (PbOutputMapping *)object;

  g_free (self->block);

  G_OBJECT_CLASS (pb_output_mapping_parent_class)->finalize (object);
}

static void
pb_output_mapping_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbOutputMapping *self = PB_OUTPUT_MAPPING (object);

  if (prop_id > OM_PROP_0 && prop_id < OM_N_PROPS)
    g_value_set_string (value, self->fields[prop_id - OM_PROP_LABEL]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pb_output_mapping_class_init (PbOutputMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "label", "output-reference", "value-type" };

  object_class->finalize = pb_output_mapping_finalize;
  object_class->get_property = pb_output_mapping_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    om_properties[OM_PROP_LABEL + i] =
      g_param_spec_string (names[i], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, OM_N_PROPS, om_properties);
}

static void
pb_output_mapping_init (PbOutputMapping *self)
{
}

PbOutputMapping *
pb_output_mapping_new (const char *label,
                       const char *output_reference,
                       const char *value_type)
{
  const char *in[OM_N_FIELDS] = { label, output_reference, value_type };
  PbOutputMapping *self = g_object_new (PB_TYPE_OUTPUT_MAPPING, NULL);

  self->block = _pb_pack_strings (in, OM_N_FIELDS, self->fields);

  return self;
}

#define OM_GETTER(func, field)                                    \
  const char *                                                    \
  pb_output_mapping_get_##func (PbOutputMapping *self)            \
  {                                                               \
    g_return_val_if_fail (PB_IS_OUTPUT_MAPPING (self), NULL);     \
    return self->fields[field];                                   \
  }

OM_GETTER (label, OM_LABEL)
OM_GETTER (output_reference, OM_OUTPUT_REFERENCE)
OM_GETTER (value_type, OM_TYPE)

gboolean
pb_output_mapping_equal (PbOutputMapping *a,
                         PbOutputMapping *b)
{
  g_return_val_if_fail (PB_IS_OUTPUT_MAPPING (a), FALSE);
  g_return_val_if_fail (PB_IS_OUTPUT_MAPPING (b), FALSE);

  return a == b || _pb_strv_equal (a->fields, b->fields, OM_N_FIELDS);
}

/* }}} */
