/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-connection.h"
#include "pb-demo-server.h"
#include "pb-save-flow.h"
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

/* The production guard over `window`: a message dialog of its own before libadwaita 1.5, an
 * alert dialog inside `window` from 1.5 on. Waits for it. */
GtkWidget *pb_test_wait_for_guard       (GtkWidget   *window);
/* Types `text` into the guard's entry. */
void       pb_test_guard_type           (GtkWidget   *guard,
                                         const char  *text);
/* Whether the guard's confirming response ("confirm") is enabled. */
gboolean   pb_test_guard_can_confirm    (GtkWidget   *guard);
/* Answers the guard as its button would ("confirm" only when enabled), or "cancel". */
void       pb_test_guard_respond        (GtkWidget   *guard,
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

/* Runs the save flow (pb-save-flow.h) of `draft` over `window` and answers its preview with
 * the button labelled `action` ("_Save", "_Restore"…); returns what the flow finished with. */
PbConnection *pb_test_run_flow          (PbWindow          *window,
                                         PbConnectionDraft *draft,
                                         PbSaveKind         kind,
                                         const char        *action,
                                         GError           **error);

G_END_DECLS
