/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pb-connection.h"

G_BEGIN_DECLS

#define PB_TYPE_CONNECTION_ROW (pb_connection_row_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionRow, pb_connection_row, PB, CONNECTION_ROW, GtkWidget)

PbConnection *pb_connection_row_get_connection (PbConnectionRow *self);
void          pb_connection_row_set_connection (PbConnectionRow *self,
                                                PbConnection    *connection);

G_END_DECLS
