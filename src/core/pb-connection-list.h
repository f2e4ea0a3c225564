/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* The GListModel of PbConnection the window binds to. Items are identified by `ref`. */
#define PB_TYPE_CONNECTION_LIST (pb_connection_list_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionList, pb_connection_list, PB, CONNECTION_LIST, GObject)

PbConnectionList *pb_connection_list_new          (void);
/* Appends a batch (GPtrArray of PbConnection) with one items-changed. */
void              pb_connection_list_append       (PbConnectionList *self,
                                                   GPtrArray        *connections);
/* Makes the list equal to `connections`, in their order. Objects whose ref was already
 * present are kept and updated in place (pb_connection_update_from), so selections and
 * bindings survive a refresh. */
void              pb_connection_list_replace_all  (PbConnectionList *self,
                                                   GPtrArray        *connections);
/* Updates the item with the same ref in place; appends it if there is none. Returns the
 * object that is in the list afterwards (transfer none). */
PbConnection     *pb_connection_list_update       (PbConnectionList *self,
                                                   PbConnection     *connection);
gboolean          pb_connection_list_remove       (PbConnectionList *self,
                                                   const char       *ref);
PbConnection     *pb_connection_list_find         (PbConnectionList *self,
                                                   const char       *ref,
                                                   guint            *position);
void              pb_connection_list_clear        (PbConnectionList *self);

G_END_DECLS
