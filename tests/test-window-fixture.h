/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-demo-server.h"
#include "pb-test-dialog.h"
#include "pb-window.h"

G_BEGIN_DECLS

/* The set-up test-window.c and test-window-secrets.c share: the demo server, a client signed
 * in to it, and a window of 1100 × 700 without a client yet. */

typedef struct
{
  PbDemoServer *server;
  PbClient     *client;
  PbWindow     *window;
} Fixture;

/* What a window test program does first: GTK with its test accessibility backend (what each
 * widget says to a screen reader, where a test can ask for it), libadwaita. The XDG folders
 * (the offline copy under the cache folder, History under the data folder) are the session's,
 * shared by every program and test: gtk_test_init() passes no option to g_test_init(), so
 * G_TEST_OPTION_ISOLATE_DIRS is not applied; a test finds its own files by its account
 * (cache id). */
void fixture_init      (int           *argc,
                        char        ***argv);
/* Adds a test case that runs in the fixture. */
#define fixture_add(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

/* g_test_add() set-up and tear-down: the window is presented; at the end the window, its
 * store (with every load it started), the client and the server must be freed. */
void fixture_set_up    (Fixture       *fixture,
                        gconstpointer  data);
void fixture_tear_down (Fixture       *fixture,
                        gconstpointer  data);

/* Activates win.test-connection and returns the test dialog it opened, once its test ran. */
PbTestDialog *fixture_run_test_dialog   (Fixture      *fixture);
/* Closes the dialog, and asserts it is freed. */
void          fixture_close_test_dialog (Fixture      *fixture,
                                         PbTestDialog *dialog);

G_END_DECLS
