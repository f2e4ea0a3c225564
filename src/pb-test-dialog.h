/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* "Test Connection": asks the API to call the connection's outside service (through PbClient)
 * and shows what the service answered, how long it took, the headers
 * that were sent and the whole report. A failure of the call itself (network, sign-in, the
 * API's own errors) is told apart from an outside service that answered with an error.
 * When the test may change something out there (pb_connection_test_has_effects()) or the
 * request has ${placeholders}, it first shows what will be sent (PbTestPreview) and sends
 * nothing before Send Test; otherwise the test starts as soon as the dialog is shown.
 * Closing it cancels a test that is still running. Show it with gtk_window_present().
 * Widget actions: test.run (start again, or show what will be sent again; disabled while a
 * test runs), test.send (send from the preview, filled as it shows), test.cancel,
 * test.copy-report, test.copy-curl (the preview's request as a curl command),
 * test.reveal-secrets (the "reveal-secrets" property; the window's Include Secrets at first). */
#define PB_TYPE_TEST_DIALOG (pb_test_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PbTestDialog, pb_test_dialog, PB, TEST_DIALOG, AdwWindow)

GtkWidget    *pb_test_dialog_new            (GtkWindow    *parent,
                                             PbClient     *client,
                                             PbConnection *connection);
PbClient     *pb_test_dialog_get_client     (PbTestDialog *self);
PbConnection *pb_test_dialog_get_connection (PbTestDialog *self);
/* Whether a test is running. */
gboolean      pb_test_dialog_get_running    (PbTestDialog *self);

G_END_DECLS
