/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-connection.h"

G_BEGIN_DECLS

/* The detail page of one connection: everything the API says about it, in sections, with the
 * object as received at the end. Its Reload button (and Ctrl+R inside it) activates
 * "win.reload-connection", which the window implements. */
#define PB_TYPE_CONNECTION_PAGE (pb_connection_page_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionPage, pb_connection_page, PB, CONNECTION_PAGE, AdwBin)

GtkWidget    *pb_connection_page_new            (void);
PbConnection *pb_connection_page_get_connection (PbConnectionPage *self);
void          pb_connection_page_set_connection (PbConnectionPage *self,
                                                 PbConnection     *connection);
/* The one switch of the page's secrets. Off, every row (headers, URL parameters, form items,
 * members of `auth`, the query of the addresses, the JSON) shows and copies its value masked
 * by the rule of pb-secret.h; on, as received. A secret row's reveal button turns it; in a
 * window with a boolean "include-secrets" action, the page and the action stay in step.
 * Showing another connection turns it off. */
gboolean      pb_connection_page_get_reveal_secrets (PbConnectionPage *self);
void          pb_connection_page_set_reveal_secrets (PbConnectionPage *self,
                                                     gboolean          reveal_secrets);

G_END_DECLS
