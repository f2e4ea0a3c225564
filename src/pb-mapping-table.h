/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which mappings a table shows: its columns. */
typedef enum
{
  PB_MAPPING_KIND_INPUT,
  PB_MAPPING_KIND_OUTPUT,
} PbMappingKind;

#define PB_TYPE_MAPPING_KIND (pb_mapping_kind_get_type ())
GType pb_mapping_kind_get_type (void);

/* A table of the input mappings (PbInputMapping) or the output mappings (PbOutputMapping) of
 * a connection, one column per field, or a sentence ("No input mappings") when there is none.
 * The cells are a template (pb-mapping-table.ui) bound to the fields of each item. */
#define PB_TYPE_MAPPING_TABLE (pb_mapping_table_get_type ())
G_DECLARE_FINAL_TYPE (PbMappingTable, pb_mapping_table, PB, MAPPING_TABLE, GtkWidget)

GtkWidget     *pb_mapping_table_new            (PbMappingKind   kind);

PbMappingKind  pb_mapping_table_get_kind       (PbMappingTable *self);
GListModel    *pb_mapping_table_get_model      (PbMappingTable *self);
/* The table follows the rows the model adds and removes. */
void           pb_mapping_table_set_model      (PbMappingTable *self,
                                                GListModel     *model);
/* What shows when the model is empty or NULL. */
void           pb_mapping_table_set_empty_text (PbMappingTable *self,
                                                const char     *empty_text);
/* Whether the rows show stacked (each field under its title, in a list) because the width
 * given is less than the columns need; the table then never scrolls sideways. */
gboolean       pb_mapping_table_get_stacked    (PbMappingTable *self);
/* The name screen readers read for the table. */
void           pb_mapping_table_set_title      (PbMappingTable *self,
                                                const char     *title);

G_END_DECLS
