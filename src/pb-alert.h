/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A question the window asks: an alert dialog inside `parent` with libadwaita 1.5 and newer,
 * a message dialog (a window of its own) before. Its answer is the "response" signal of the
 * dialog returned, with the id of the response chosen. */

/* A dialog with a first response, `cancel`, labelled `cancel_label`: the default, and the
 * answer to Escape. */
GtkWidget *pb_alert_new                  (GtkWidget             *parent,
                                          const char            *heading,
                                          const char            *body,
                                          const char            *cancel,
                                          const char            *cancel_label);
void       pb_alert_add_response         (GtkWidget             *alert,
                                          const char            *id,
                                          const char            *label,
                                          AdwResponseAppearance  appearance);
/* What Enter answers. */
void       pb_alert_set_default_response (GtkWidget             *alert,
                                          const char            *id);
void       pb_alert_present              (GtkWidget             *alert,
                                          GtkWidget             *parent);

G_END_DECLS
