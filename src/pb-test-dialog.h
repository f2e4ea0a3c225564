/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* "Test Connection": asks the API to call the connection's outside service (through PbClient)
 * as soon as it is shown, and shows what the service answered, how long it took, the headers
 * that were sent and the whole report. A failure of the call itself (network, sign-in, the
 * API's own errors) is told apart from an outside service that answered with an error.
 * Closing it cancels a test that is still running. Show it with gtk_window_present().
 * Widget actions: test.run (start again; disabled while a test runs), test.cancel,
 * test.copy-report, test.reveal-secrets (the "reveal-secrets" property). */
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
