/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-application.h"
#include "pb-client.h"
#include "pb-connection-store.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())
G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

PbWindow   *pb_window_new          (PbApplication *application);
/* Where the window loads connections from; NULL shows the welcome page. */
PbClient   *pb_window_get_client   (PbWindow      *self);
void        pb_window_set_client   (PbWindow      *self,
                                    PbClient      *client);
/* The sentence the window shows under its title (the account's host, "Demo Data"). */
void        pb_window_set_subtitle (PbWindow      *self,
                                    const char    *subtitle);
/* A short note as a toast. */
void        pb_window_show_message (PbWindow      *self,
                                    const char    *message);
/* Whether a load or reload is under way. */
gboolean    pb_window_get_loading  (PbWindow      *self);
/* What the window shows: "welcome", "loading", "error" or "connections". */
const char *pb_window_get_view     (PbWindow      *self);
/* The connections shown in the sidebar, in order (archived ones only when shown). */
GListModel *pb_window_get_shown_connections (PbWindow *self);
/* The connections of the window's client, all of them (what the sidebar shows is filtered and
 * sorted from it). */
PbConnectionStore *pb_window_get_store (PbWindow *self);
/* Whether rows show the day each connection last changed: while the list is sorted by it (the
 * "show-modified" property). */
gboolean    pb_window_get_show_modified (PbWindow *self);
/* Whether copies and exports (and whatever asks the window) show secrets in clear: the
 * "include-secrets" property, driven by the widget action win.include-secrets. FALSE while
 * the rows shown come from the offline copy, which is stored masked. */
gboolean    pb_window_get_include_secrets (PbWindow *self);
void        pb_window_set_include_secrets (PbWindow *self,
                                           gboolean  include_secrets);
/* Whether the window's account is a production tenant (pb_account_get_production()), set by
 * the application when it gives the window an account: the window says so at all times, and
 * every write asks the user to type the connection's name. */
gboolean    pb_window_get_production      (PbWindow *self);
void        pb_window_set_production      (PbWindow *self,
                                           gboolean  production);

/* Whether the edit form is open with changes that leaving it would lose (closing the window
 * asks first). */
gboolean    pb_window_get_has_unsaved_edits (PbWindow *self);

G_END_DECLS
