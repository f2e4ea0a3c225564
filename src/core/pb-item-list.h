/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The list model of one table of a connection: its rows never change; a list is brought to
 * the rows of another with one items-changed for the range that differs. */
#define PB_TYPE_ITEM_LIST (pb_item_list_get_type ())
G_DECLARE_FINAL_TYPE (PbItemList, pb_item_list, PB, ITEM_LIST, GObject)

/* Takes the references of the items in `items` (may be NULL). */
PbItemList *pb_item_list_new_take  (GType       item_type,
                                    GPtrArray  *items);
/* Makes the list hold the same items as `source` (equal rows are kept). */
void        pb_item_list_sync_from (PbItemList *self,
                                    PbItemList *source);

G_END_DECLS
