/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a text button twice for a screen reader: its accessible label, then the
 * text of the label inside it, which the button is "labelled by" ("Retry Retry"; without an
 * accessible label, "_Retry Retry"). Each text button at or below root is named once, by
 * its text without the mnemonic underscore. Call it once the widgets are built. */
void pb_accessible_name_text_buttons (GtkWidget *root);

/* Gives the focus to the first focusable heading at or below root (what a screen reader should
 * read first of a page); returns whether there was one. */
gboolean pb_accessible_focus_heading (GtkWidget *root);

G_END_DECLS
