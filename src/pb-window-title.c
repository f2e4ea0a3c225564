/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-title"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-window-title.h"

/* The badge sits in the subtitle's line, so that the title above keeps its width: at 360 px
 * the list's header still says "Connections" in full. */

struct _PbWindowTitle
{
  AdwBin     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkWidget *badge;
};

G_DEFINE_FINAL_TYPE (PbWindowTitle, pb_window_title, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_PRODUCTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_window_title_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbWindowTitle *self = PB_WINDOW_TITLE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, pb_window_title_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, pb_window_title_get_subtitle (self));
      break;
    case PROP_PRODUCTION:
      g_value_set_boolean (value, pb_window_title_get_production (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_title_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PbWindowTitle *self = PB_WINDOW_TITLE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pb_window_title_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      pb_window_title_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_PRODUCTION:
      pb_window_title_set_production (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_title_class_init (PbWindowTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pb_window_title_get_property;
  object_class->set_property = pb_window_title_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRODUCTION] =
    g_param_spec_boolean ("production", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Styled as libadwaita styles its window titles. */
  gtk_widget_class_set_css_name (widget_class, "windowtitle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
new_title_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, css_class);

  return GTK_LABEL (label);
}

static void
pb_window_title_init (PbWindowTitle *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (line, GTK_ALIGN_CENTER);

  self->title_label = new_title_label ("title");
  self->subtitle_label = new_title_label ("subtitle");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);

  /* Translators: a badge beside the account’s name, for an account marked as a production
   * tenant */
  self->badge = gtk_label_new (_("Production"));
  gtk_widget_add_css_class (self->badge, "pb-production-badge");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->badge, _("A production tenant: every change asks you to "
                                              "type the connection’s name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Production tenant"),
                                  -1);
  gtk_widget_set_visible (self->badge, FALSE);

  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->subtitle_label));
  gtk_box_append (GTK_BOX (line), self->badge);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (box), line);
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
pb_window_title_new (void)
{
  return g_object_new (PB_TYPE_WINDOW_TITLE, NULL);
}

const char *
pb_window_title_get_title (PbWindowTitle *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_TITLE (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
pb_window_title_set_title (PbWindowTitle *self,
                           const char    *title)
{
  g_return_if_fail (PB_IS_WINDOW_TITLE (self));

  if (g_strcmp0 (title != NULL ? title : "", gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && *title != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pb_window_title_get_subtitle (PbWindowTitle *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_TITLE (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

void
pb_window_title_set_subtitle (PbWindowTitle *self,
                              const char    *subtitle)
{
  g_return_if_fail (PB_IS_WINDOW_TITLE (self));

  if (g_strcmp0 (subtitle != NULL ? subtitle : "",
                 gtk_label_get_label (self->subtitle_label)) == 0)
    return;

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          subtitle != NULL && *subtitle != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
pb_window_title_get_production (PbWindowTitle *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_TITLE (self), FALSE);

  return gtk_widget_get_visible (self->badge);
}

void
pb_window_title_set_production (PbWindowTitle *self,
                                gboolean       production)
{
  g_return_if_fail (PB_IS_WINDOW_TITLE (self));

  production = !!production;
  if (production == gtk_widget_get_visible (self->badge))
    return;

  gtk_widget_set_visible (self->badge, production);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTION]);
}
