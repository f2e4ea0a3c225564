/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-accessible"

#include "config.h"

#include "pb-accessible.h"

void
pb_accessible_name_text_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL &&
      GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
    {
      /* The text as shown: without the mnemonic marker. */
      GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (root)));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (label), -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pb_accessible_name_text_buttons (child);
}

gboolean
pb_accessible_focus_heading (GtkWidget *root)
{
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) == GTK_ACCESSIBLE_ROLE_HEADING
      && gtk_widget_get_focusable (root) && gtk_widget_grab_focus (root))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && pb_accessible_focus_heading (child))
      return TRUE;

  return FALSE;
}
