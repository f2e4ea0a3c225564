/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* A name/value row: custom headers, URL parameters, OAuth custom headers, form items.
 * For an item of unknown shape, name is NULL and value is its compact JSON text. Immutable. */
#define PB_TYPE_NAME_VALUE (pb_name_value_get_type ())
G_DECLARE_FINAL_TYPE (PbNameValue, pb_name_value, PB, NAME_VALUE, GObject)

PbNameValue *pb_name_value_new       (const char  *name,
                                      const char  *value);
const char  *pb_name_value_get_name  (PbNameValue *self);
const char  *pb_name_value_get_value (PbNameValue *self);
gboolean     pb_name_value_equal     (PbNameValue *a,
                                      PbNameValue *b);

G_END_DECLS
