/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-page.h"

G_BEGIN_DECLS

/* pb-connection-page-actions.c: installs the page's actions and shortcuts. The page enables
 * page.copy-json as it renders a connection. */
void _pb_connection_page_class_actions_init (PbConnectionPageClass *klass);

/* pb-connection-page-fields.c */
/* `icon_name` when the theme of `widget` has it, else NULL. */
const char *_pb_connection_page_available_icon  (GtkWidget    *widget,
                                                 const char   *icon_name);
/* A themed icon for the connection's icon field, or NULL when it is not one we know. */
const char *_pb_connection_page_icon_for_field  (GtkWidget    *widget,
                                                 const char   *icon);
/* The members of the connection's `auth` that no row of their own shows, in order, as
 * PbNameValue (a value that is not a string as compact JSON, null as NULL): all but authType,
 * and for OAuth (`oauth`) all but the members its rows show. Empty without `auth`. */
GPtrArray  *_pb_connection_page_auth_members    (PbConnection *connection,
                                                 gboolean      oauth);

/* pb-connection-page-notes.c: the rows of `list` say what of `connection` (NULL: nothing) does
 * not add up; `list` shows only when there is something to say. */
/* The fields Plugboard cannot read, and what it did with them. */
void        _pb_connection_page_show_unreadable_note   (GtkListBox   *list,
                                                        PbConnection *connection);
/* The placeholders of the request without an input mapping, and the mappings none uses. */
void        _pb_connection_page_show_placeholder_notes (GtkListBox   *list,
                                                        PbConnection *connection);

G_END_DECLS
