/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "Changed on the Server" (step 4 of pb-save-flow.h): a write found that the connection
 * changed on the server since the edit began, and sent nothing. It says who changed it and
 * when, shows their changes (from the version the edit started from to the one on the server)
 * beside the user's own (from the same version to what the user wanted to send), and offers:
 * Re-apply My Changes (only when the two touch different fields), Overwrite, Cancel. Each
 * emits "response" with "reapply", "overwrite" or "cancel" (closing the window cancels).
 * Values that look secret are masked. */
#define PB_TYPE_SAVE_CONFLICT (pb_save_conflict_get_type ())
G_DECLARE_FINAL_TYPE (PbSaveConflict, pb_save_conflict, PB, SAVE_CONFLICT, AdwWindow)

/* `base` the version the edit started from, `mine` the body the user wanted to send, `theirs`
 * the version now on the server (JSON text of a connection each). */
PbSaveConflict *pb_save_conflict_new             (GtkWindow      *parent,
                                                  const char     *base,
                                                  const char     *mine,
                                                  const char     *theirs);
/* Whether Re-apply My Changes is offered: the two sides change different fields. */
gboolean        pb_save_conflict_get_can_reapply (PbSaveConflict *self);

G_END_DECLS
