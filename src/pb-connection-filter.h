/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the sidebar shows of the connections: those that match the search (name, description,
 * ref, URL, the types as received and the words people read for them; case and accents
 * ignored), of the kinds chosen (NULL: any), archived ones only when asked for. */
#define PB_TYPE_CONNECTION_FILTER (pb_connection_filter_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionFilter, pb_connection_filter, PB, CONNECTION_FILTER, GtkFilter)

PbConnectionFilter *pb_connection_filter_new               (void);
/* The search as typed; "" or NULL matches every connection. */
const char         *pb_connection_filter_get_search        (PbConnectionFilter *self);
void                pb_connection_filter_set_search        (PbConnectionFilter *self,
                                                            const char         *search);
/* The search as pb_search_fold() made it, or NULL when there is none. */
const char         *pb_connection_filter_get_search_key    (PbConnectionFilter *self);
/* System type, authentication type and method as the API names them ("DESTINATION", "OAUTH",
 * "PUT"), compared ignoring case; NULL: any. */
const char         *pb_connection_filter_get_system_type   (PbConnectionFilter *self);
void                pb_connection_filter_set_system_type   (PbConnectionFilter *self,
                                                            const char         *system_type);
const char         *pb_connection_filter_get_auth_type     (PbConnectionFilter *self);
void                pb_connection_filter_set_auth_type     (PbConnectionFilter *self,
                                                            const char         *auth_type);
const char         *pb_connection_filter_get_request_type  (PbConnectionFilter *self);
void                pb_connection_filter_set_request_type  (PbConnectionFilter *self,
                                                            const char         *request_type);
gboolean            pb_connection_filter_get_show_archived (PbConnectionFilter *self);
void                pb_connection_filter_set_show_archived (PbConnectionFilter *self,
                                                            gboolean            show_archived);
/* Whether a kind is chosen (any of the three types). */
gboolean            pb_connection_filter_get_has_kinds     (PbConnectionFilter *self);
/* How many of `connections` are hidden only because they are archived: those "Show Archived"
 * would add to what is shown (0 while it is on). */
guint               pb_connection_filter_count_hidden_archived (PbConnectionFilter *self,
                                                                GListModel         *connections);

G_END_DECLS
