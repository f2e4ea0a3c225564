/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-page-property"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-page-property.h"

#define SECRET_MASK "••••••••"

struct _PbPageProperty
{
  AdwPreferencesRow  parent_instance;

  GtkImage          *prefix_image;
  GtkLabel          *title_label;
  GtkLabel          *value_label;
  GtkBox            *suffixes;
  GtkToggleButton   *reveal_button;
  GtkButton         *copy_button;

  char              *value;
  char              *markup;
  char              *empty_text;
  char              *copy_label;
  char              *masked_text;
  guint              secret : 1;
  guint              revealed : 1;
  guint              monospace : 1;
  guint              hide_title : 1;
};

G_DEFINE_FINAL_TYPE (PbPageProperty, pb_page_property, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_EMPTY_TEXT,
  PROP_SECRET,
  PROP_REVEALED,
  PROP_MONOSPACE,
  PROP_COPY_LABEL,
  PROP_ICON_NAME,
  PROP_SHOW_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76 */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

static gboolean
has_value (PbPageProperty *self)
{
  return self->value != NULL && self->value[0] != '\0';
}

static void
pb_page_property_update (PbPageProperty *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  gboolean masked = self->secret && !self->revealed && has_value (self);
  g_autofree char *accessible = NULL;
  const char *shown;

  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label),
                          !self->hide_title && title != NULL && title[0] != '\0');

  if (!has_value (self))
    {
      shown = self->empty_text ? self->empty_text : _("Not set");
      gtk_label_set_use_markup (self->value_label, FALSE);
      gtk_label_set_label (self->value_label, shown);
      gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
      gtk_label_set_selectable (self->value_label, FALSE);
    }
  else if (masked)
    {
      /* Translators: read out instead of a hidden secret value */
      shown = self->masked_text ? self->masked_text : _("hidden");
      gtk_label_set_use_markup (self->value_label, FALSE);
      gtk_label_set_label (self->value_label, self->masked_text ? self->masked_text : SECRET_MASK);
      if (self->masked_text != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
      gtk_label_set_selectable (self->value_label, FALSE);
    }
  else
    {
      shown = self->value;
      if (self->markup != NULL)
        gtk_label_set_markup (self->value_label, self->markup);
      else
        {
          gtk_label_set_use_markup (self->value_label, FALSE);
          gtk_label_set_label (self->value_label, self->value);
        }
      gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
      gtk_label_set_selectable (self->value_label, TRUE);
    }

  if (self->monospace && has_value (self) && !masked)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "monospace");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "monospace");

  /* Beside a block of code the buttons stay at its top, where the eye starts. */
  gtk_widget_set_valign (GTK_WIDGET (self->suffixes),
                         self->monospace && self->value && strchr (self->value, '\n')
                         ? GTK_ALIGN_START : GTK_ALIGN_CENTER);

  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), self->secret && has_value (self));
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button),
                            self->revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");

  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), self->copy_label != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "property.copy", has_value (self));

  if (title != NULL && title[0] != '\0')
    /* Translators: how a screen reader reads a row: title, then value */
    accessible = g_strdup_printf (_("%s: %s"), title, shown);
  else
    accessible = g_strdup (shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

void
pb_page_copy_to_clipboard (GtkWidget  *widget,
                           const char *text)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Copied to clipboard"));

      adw_toast_set_timeout (toast, 2);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbPageProperty *self = PB_PAGE_PROPERTY (widget);

  if (has_value (self))
    pb_page_copy_to_clipboard (widget, self->value);
}

static void
on_title_notify (PbPageProperty *self)
{
  pb_page_property_update (self);
}

static void
pb_page_property_finalize (GObject *object)
{
  PbPageProperty *self = PB_PAGE_PROPERTY (object);

  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->markup, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->copy_label, g_free);
  g_clear_pointer (&self->masked_text, g_free);

  G_OBJECT_CLASS (pb_page_property_parent_class)->finalize (object);
}

static void
pb_page_property_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_PAGE_PROPERTY);

  G_OBJECT_CLASS (pb_page_property_parent_class)->dispose (object);
}

static void
pb_page_property_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbPageProperty *self = PB_PAGE_PROPERTY (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    case PROP_SECRET:
      g_value_set_boolean (value, self->secret);
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;
    case PROP_MONOSPACE:
      g_value_set_boolean (value, self->monospace);
      break;
    case PROP_COPY_LABEL:
      g_value_set_string (value, self->copy_label);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_widget_get_visible (GTK_WIDGET (self->prefix_image))
                                 ? gtk_image_get_icon_name (self->prefix_image) : NULL);
      break;
    case PROP_SHOW_TITLE:
      g_value_set_boolean (value, !self->hide_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_page_property_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbPageProperty *self = PB_PAGE_PROPERTY (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      pb_page_property_set_value (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      pb_page_property_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_SECRET:
      pb_page_property_set_secret (self, g_value_get_boolean (value));
      break;
    case PROP_REVEALED:
      pb_page_property_set_revealed (self, g_value_get_boolean (value));
      break;
    case PROP_MONOSPACE:
      pb_page_property_set_monospace (self, g_value_get_boolean (value));
      break;
    case PROP_COPY_LABEL:
      pb_page_property_set_copy_label (self, g_value_get_string (value));
      break;
    case PROP_ICON_NAME:
      pb_page_property_set_icon_name (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TITLE:
      if (self->hide_title == g_value_get_boolean (value))
        {
          self->hide_title = !g_value_get_boolean (value);
          pb_page_property_update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_page_property_class_init (PbPagePropertyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_page_property_dispose;
  object_class->finalize = pb_page_property_finalize;
  object_class->get_property = pb_page_property_get_property;
  object_class->set_property = pb_page_property_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SECRET] =
    g_param_spec_boolean ("secret", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MONOSPACE] =
    g_param_spec_boolean ("monospace", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COPY_LABEL] =
    g_param_spec_string ("copy-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the title shows above the value; it is read out either way. */
  properties[PROP_SHOW_TITLE] =
    g_param_spec_boolean ("show-title", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "property.copy", NULL, copy_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-page-property.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, prefix_image);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, value_label);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, suffixes);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, copy_button);
}

static void
pb_page_property_init (PbPageProperty *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self, "revealed", self->reveal_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_notify), NULL);
  pb_page_property_update (self);
}

GtkWidget *
pb_page_property_new (const char *title)
{
  return g_object_new (PB_TYPE_PAGE_PROPERTY, "title", title, NULL);
}

const char *
pb_page_property_get_value (PbPageProperty *self)
{
  g_return_val_if_fail (PB_IS_PAGE_PROPERTY (self), NULL);

  return self->value;
}

void
pb_page_property_set_value (PbPageProperty *self,
                            const char     *value)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  g_clear_pointer (&self->markup, g_free);
  if (set_str (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  pb_page_property_update (self);
}

void
pb_page_property_set_value_markup (PbPageProperty *self,
                                   const char     *value,
                                   const char     *markup)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  set_str (&self->markup, markup);
  if (set_str (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  pb_page_property_update (self);
}

void
pb_page_property_set_empty_text (PbPageProperty *self,
                                 const char     *empty_text)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  if (set_str (&self->empty_text, empty_text))
    {
      pb_page_property_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
    }
}

void
pb_page_property_set_value_tooltip (PbPageProperty *self,
                                    const char     *tooltip)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), tooltip);
}

gboolean
pb_page_property_get_secret (PbPageProperty *self)
{
  g_return_val_if_fail (PB_IS_PAGE_PROPERTY (self), FALSE);

  return self->secret;
}

void
pb_page_property_set_secret (PbPageProperty *self,
                             gboolean        secret)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  secret = !!secret;
  if (self->secret != secret)
    {
      self->secret = secret;
      pb_page_property_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET]);
    }
}

void
pb_page_property_set_masked_text (PbPageProperty *self,
                                  const char     *masked_text)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  if (set_str (&self->masked_text, masked_text))
    pb_page_property_update (self);
}

gboolean
pb_page_property_get_revealed (PbPageProperty *self)
{
  g_return_val_if_fail (PB_IS_PAGE_PROPERTY (self), FALSE);

  return self->revealed;
}

void
pb_page_property_set_revealed (PbPageProperty *self,
                               gboolean        revealed)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  revealed = !!revealed;
  if (self->revealed != revealed)
    {
      self->revealed = revealed;
      pb_page_property_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
    }
}

gboolean
pb_page_property_get_monospace (PbPageProperty *self)
{
  g_return_val_if_fail (PB_IS_PAGE_PROPERTY (self), FALSE);

  return self->monospace;
}

void
pb_page_property_set_monospace (PbPageProperty *self,
                                gboolean        monospace)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  monospace = !!monospace;
  if (self->monospace != monospace)
    {
      self->monospace = monospace;
      pb_page_property_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONOSPACE]);
    }
}

void
pb_page_property_set_copy_label (PbPageProperty *self,
                                 const char     *copy_label)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  if (!set_str (&self->copy_label, copy_label))
    return;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), copy_label);
  if (copy_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                    -1);
  pb_page_property_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPY_LABEL]);
}

void
pb_page_property_set_icon_name (PbPageProperty *self,
                                const char     *icon_name)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  gtk_image_set_from_icon_name (self->prefix_image, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->prefix_image), icon_name != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

void
pb_page_property_add_suffix (PbPageProperty *self,
                             GtkWidget      *widget)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_prepend (self->suffixes, widget);
}
