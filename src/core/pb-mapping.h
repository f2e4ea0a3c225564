/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* The rows of a connection's mapping tables. Immutable. */

/* One of inputMappings: a ${placeholder} of the URL or body. */
#define PB_TYPE_INPUT_MAPPING (pb_input_mapping_get_type ())
G_DECLARE_FINAL_TYPE (PbInputMapping, pb_input_mapping, PB, INPUT_MAPPING, GObject)

PbInputMapping *pb_input_mapping_new               (const char     *label,
                                                   const char     *key,
                                                   const char     *value_type,
                                                   const char     *example_value,
                                                   const char     *mapping);
/* The mapping as shown while secrets are hidden: a copy whose example value is masked when
 * its key looks secret (the one rule of pb-secret.h), else a new reference to it. */
PbInputMapping *pb_input_mapping_dup_masked        (PbInputMapping *self);
const char     *pb_input_mapping_get_label         (PbInputMapping *self);
const char     *pb_input_mapping_get_key           (PbInputMapping *self);
const char     *pb_input_mapping_get_value_type    (PbInputMapping *self); /* JSON "type" */
const char     *pb_input_mapping_get_example_value (PbInputMapping *self);
const char     *pb_input_mapping_get_mapping       (PbInputMapping *self);
gboolean        pb_input_mapping_equal             (PbInputMapping *a,
                                                   PbInputMapping *b);

/* One of outputMappings: what a decision can read from the answer. */
#define PB_TYPE_OUTPUT_MAPPING (pb_output_mapping_get_type ())
G_DECLARE_FINAL_TYPE (PbOutputMapping, pb_output_mapping, PB, OUTPUT_MAPPING, GObject)

PbOutputMapping *pb_output_mapping_new                  (const char      *label,
                                                        const char      *output_reference,
                                                        const char      *value_type);
const char      *pb_output_mapping_get_label            (PbOutputMapping *self);
const char      *pb_output_mapping_get_output_reference (PbOutputMapping *self);
const char      *pb_output_mapping_get_value_type       (PbOutputMapping *self); /* JSON "type" */
gboolean         pb_output_mapping_equal                (PbOutputMapping *a,
                                                        PbOutputMapping *b);

G_END_DECLS
