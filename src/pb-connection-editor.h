/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-connection-draft.h"

G_BEGIN_DECLS

/* The edit form of a connection: a page with its own header (Cancel, the title, Test, Save)
 * over every field of a PbConnectionDraft, with what pb_connection_draft_check() says under
 * each field as the user types. It changes the draft only: what Cancel, Test and Save do is
 * the window's (the "cancel", "test" and "save" signals). Escape is Cancel, Ctrl+S is Save. */

typedef enum
{
  PB_EDITOR_MODE_EDIT,
  PB_EDITOR_MODE_NEW,
  PB_EDITOR_MODE_DUPLICATE,
} PbEditorMode;

#define PB_TYPE_CONNECTION_EDITOR (pb_connection_editor_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionEditor, pb_connection_editor, PB, CONNECTION_EDITOR, AdwBin)

GtkWidget         *pb_connection_editor_new          (PbConnectionDraft  *draft,
                                                      PbEditorMode        mode);
PbConnectionDraft *pb_connection_editor_get_draft    (PbConnectionEditor *self);
PbEditorMode       pb_connection_editor_get_mode     (PbConnectionEditor *self);
/* Runs the checks now rather than once the typing pauses (they run by themselves). */
void               pb_connection_editor_check        (PbConnectionEditor *self);
/* How many errors keep Save disabled, as last checked. */
guint              pb_connection_editor_get_n_errors (PbConnectionEditor *self);
/* While a save runs: Save says so and cannot start another one. */
void               pb_connection_editor_set_busy     (PbConnectionEditor *self,
                                                      gboolean            busy);
/* A sentence over the form (why the last save failed), with Retry and Dismiss; NULL hides
 * it. */
void               pb_connection_editor_show_error   (PbConnectionEditor *self,
                                                      const char         *message);
/* Whether the window is narrow (the "narrow" property): the title goes from the header into
 * the form, and Test is an icon, so that the header fits in 360 pixels. */
gboolean           pb_connection_editor_get_narrow   (PbConnectionEditor *self);
void               pb_connection_editor_set_narrow   (PbConnectionEditor *self,
                                                      gboolean            narrow);
/* The keyboard starts on the first field. */
void               pb_connection_editor_focus_first  (PbConnectionEditor *self);

G_END_DECLS
