/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-save-flow.h"

G_BEGIN_DECLS

/* The preview of a write (step 1 of pb-save-flow.h): what it does to which connection, where
 * it goes, the field-by-field difference against the version on the server (PbDiffView), and
 * the whole body one click away (Show Request Body). Values that look secret are masked in
 * both unless the user turns on Show Secrets. Nothing is sent from here: Cancel (or closing
 * the window) emits "response" with "cancel", the action button (Save, Create, Archive,
 * Unarchive, Restore) with "apply"; a preview of nothing that changed offers no action.
 * While the caller writes, pb_save_preview_set_busy() turns the action into a spinner.
 * Widget actions: preview.apply, preview.cancel, preview.reveal-secrets. */
#define PB_TYPE_SAVE_PREVIEW (pb_save_preview_get_type ())
G_DECLARE_FINAL_TYPE (PbSavePreview, pb_save_preview, PB, SAVE_PREVIEW, AdwWindow)

/* `base_json` is the version on the server ("{}" for a create), `body_json` what is sent and
 * `masked_body_json` the same with its secrets masked; `name` the connection's, `destination`
 * where it goes (an account, a host). */
PbSavePreview *pb_save_preview_new            (GtkWindow     *parent,
                                               PbSaveKind     kind,
                                               const char    *name,
                                               const char    *destination,
                                               const char    *base_json,
                                               const char    *body_json,
                                               const char    *masked_body_json);
/* A sentence over the differences (after a conflict: what the preview is compared with). */
void           pb_save_preview_set_note       (PbSavePreview *self,
                                               const char    *note);
/* Of a copy (PB_SAVE_PROMOTE): names the account it comes from in the sentence over the
 * differences ("The connection as Demo Staging has it, copied to Demo Production."). */
void           pb_save_preview_set_source     (PbSavePreview *self,
                                               const char    *source,
                                               const char    *destination);
/* How many differences it shows (0: "Nothing changed", no action). */
guint          pb_save_preview_get_n_changes  (PbSavePreview *self);
gboolean       pb_save_preview_get_reveal_secrets (PbSavePreview *self);
void           pb_save_preview_set_reveal_secrets (PbSavePreview *self,
                                                   gboolean       reveal_secrets);
void           pb_save_preview_set_busy       (PbSavePreview *self,
                                               gboolean       busy);

/* The label of the button that confirms a write of `kind`: "_Save", "_Create", "_Archive",
 * "_Unarchive", "_Restore" (translated). */
const char    *pb_save_kind_get_action_label  (PbSaveKind     kind);

G_END_DECLS
