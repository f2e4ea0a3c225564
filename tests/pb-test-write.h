/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-connection.h"
#include "pb-connection-editor.h"
#include "pb-demo-server.h"
#include "pb-save-flow.h"
#include "pb-save-preview.h"
#include "pb-test-ui.h"
#include "pb-window.h"

G_BEGIN_DECLS

/* Scaffolding of the tests of writes (pb-save-flow.h): the windows of the flow as a test finds
 * and answers them, and a change on the demo server behind the window's back. */

/* The shown toplevel window of `type`, or NULL. */
gpointer   pb_test_find_toplevel        (GType        type);
/* Runs the main context until a toplevel of `type` is shown, and returns it. */
gpointer   pb_test_wait_for_toplevel    (GType        type);
/* Runs the main context until no toplevel of `type` is shown. */
void       pb_test_wait_for_no_toplevel (GType        type);

/* A question of the flow over `window` (the production guard, an unknown outcome): a message
 * dialog of its own before libadwaita 1.5, an alert dialog inside `window` from 1.5 on.
 * Waits for it. */
GtkWidget *pb_test_wait_for_question    (GtkWidget   *window);
/* Types `text` into the guard's entry. */
void       pb_test_guard_type           (GtkWidget   *guard,
                                         const char  *text);
/* Whether the guard's confirming response ("confirm") is enabled. */
gboolean   pb_test_guard_can_confirm    (GtkWidget   *guard);
/* Answers a question as its button would ("confirm" of the guard only when enabled), and
 * waits for it to close. */
void       pb_test_question_respond     (GtkWidget   *question,
                                         const char  *response);

/* Someone else changed `connection` (as the demo server has it) on the demo server: its
 * top-level string `member` (e.g. "description") set to `value`, or the "connectionUrl" of
 * its request when `member` is "request.connectionUrl"; the revision raised by one and
 * modifiedAt moved on a minute. */
void       pb_test_server_change        (PbDemoServer *server,
                                         PbConnection *connection,
                                         const char   *member,
                                         const char   *value);

/* Gives `window` the client and a cache id of its own (the account its history is kept
 * under), waits for the list, and selects the connection named `name` (showing archived
 * connections when it is one). Returns it (owned by the list). */
PbConnection *pb_test_window_select     (PbWindow     *window,
                                         PbClient     *client,
                                         const char   *name);
/* The connection of the window's list with `ref` (owned by the list), or NULL. */
PbConnection *pb_test_window_find       (PbWindow     *window,
                                         const char   *ref);

/* The file of the history of the account `window` shows (its store's cache id): one of
 * several in the folder, as the test programs share their folders. Free with g_free(). */
char         *pb_test_window_history_path (PbWindow   *window);

/* Runs the save flow (pb-save-flow.h) of `draft` over `window` and answers its preview with
 * the button labelled `action` ("_Save", "_Restore"…); returns what the flow finished with. */
PbConnection *pb_test_run_flow          (PbWindow          *window,
                                         PbConnectionDraft *draft,
                                         PbSaveKind         kind,
                                         const char        *action,
                                         GError           **error);

/* The window's edit form as a user fills it in (pb-window-edit.c). */

/* The open edit form of `window`, or NULL. */
PbConnectionEditor *pb_test_find_editor     (PbWindow           *window);
/* Runs the main context until `window` has no edit form. */
void          pb_test_wait_for_no_editor    (PbWindow           *window);
/* The mapped row of `type` (ADW_TYPE_ENTRY_ROW, ADW_TYPE_COMBO_ROW…) of the form titled
 * `title`; fails the test without one. */
GtkWidget    *pb_test_editor_row            (PbConnectionEditor *editor,
                                             GType               type,
                                             const char         *title);
/* Types `text` into the form's entry row titled `title` (a password row too). */
void          pb_test_editor_type           (PbConnectionEditor *editor,
                                             const char         *title,
                                             const char         *text);
/* The rows (expander rows) of the form's table titled `table` ("Headers"), in order. */
GPtrArray    *pb_test_editor_table_rows     (PbConnectionEditor *editor,
                                             const char         *table);
/* Opens the row titled `row` of the table `table` and types `text` into its column titled
 * `column` ("Value"). */
void          pb_test_editor_type_in_table  (PbConnectionEditor *editor,
                                             const char         *table,
                                             const char         *row,
                                             const char         *column,
                                             const char         *text);
/* The sentence (a check's problem, a note) shown right under a row of the form, or NULL. */
const char   *pb_test_editor_said_under     (GtkWidget          *row);
/* Whether `widget` shows whole in the form's scrolled view. */
gboolean      pb_test_editor_in_view        (GtkWidget          *widget);
/* The sentence over the form (why the last save failed), or NULL when none shows. */
const char   *pb_test_editor_get_error      (PbConnectionEditor *editor);
/* Clicks the button of the form labelled `label` ("_Save", "_Retry"), once the checks of
 * what was typed ran and it is enabled, and returns the preview it opened. */
PbSavePreview *pb_test_editor_click_save    (PbConnectionEditor *editor,
                                             const char         *label);

G_END_DECLS
