/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The order of the sidebar: by name ("name", ignoring case), newest first ("modified") or data
 * systems before destinations ("system-type"); the last two by name where they tie. The order
 * is the GSettings key sort-order's value. */
#define PB_TYPE_CONNECTION_SORTER (pb_connection_sorter_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionSorter, pb_connection_sorter, PB, CONNECTION_SORTER, GtkSorter)

PbConnectionSorter *pb_connection_sorter_new       (void);
const char         *pb_connection_sorter_get_order (PbConnectionSorter *self);
void                pb_connection_sorter_set_order (PbConnectionSorter *self,
                                                    const char         *order);

G_END_DECLS
