/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-connection-store.h"

G_BEGIN_DECLS

/* History: the earlier versions of one connection that Plugboard kept before it replaced them
 * (pb-history.h, the account of the store's cache id), newest first: when each was replaced,
 * why, its revision. Selecting one shows what changed after it (against the version that came
 * next, or the connection as it is now); Restore This Version writes it back through the save
 * flow (preview, conflict check, production guard), and on success emits "restored" with the
 * connection as the server now has it. No history: "No Earlier Versions". A locked keyring
 * or an unreadable history: the sentence that says so, and Retry. */
#define PB_TYPE_HISTORY_DIALOG (pb_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PbHistoryDialog, pb_history_dialog, PB, HISTORY_DIALOG, AdwWindow)

PbHistoryDialog *pb_history_dialog_new         (GtkWindow         *parent,
                                                PbConnectionStore *store,
                                                PbConnection      *connection,
                                                gboolean           production);
/* The versions shown (a GListModel of PbHistoryEntry), NULL until they are read. */
GListModel      *pb_history_dialog_get_entries (PbHistoryDialog   *self);
/* Whether the history is being read, or a restore is under way. */
gboolean         pb_history_dialog_get_busy    (PbHistoryDialog   *self);

G_END_DECLS
