/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-account-store.h"

G_BEGIN_DECLS

/* The preferences: the saved accounts (add, rename, sign out), each with its region or base URL
 * and its credentials (an API key or a pasted access token), "Check Sign-In" and "Save". */
#define PB_TYPE_PREFERENCES_WINDOW (pb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PbPreferencesWindow, pb_preferences_window, PB, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* A window over `store` (transient for and modal to `parent`, which may be NULL), showing the
 * active account, or the form of a new account when there is none. Present it. */
GtkWidget *pb_preferences_window_new            (GtkWindow           *parent,
                                                 PbAccountStore      *store);
/* Shows the form of `account` (one of the store's), or of a new account when NULL. */
void       pb_preferences_window_select_account (PbPreferencesWindow *self,
                                                 PbAccount           *account);
/* The account whose form is shown: one of the store's, or a new, unsaved one. */
PbAccount *pb_preferences_window_get_account    (PbPreferencesWindow *self);

G_END_DECLS
