/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-page-property"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-json.h"
#include "pb-format.h"
#include "pb-page-property-private.h"
#include "pb-secret.h"

/* Labels lay out all their text at once: longer values show shortened (copying gives all).
 * Code blocks are text views, as tall as the text they show. */
#define MAX_LABEL_CHARS 2000
#define MAX_ACCESSIBLE_CHARS 300
#define MAX_TOOLTIP_CHARS 1000
/* A text view lays out all it holds at once: a few MiB froze the window for seconds. Copy
 * still copies the whole value. */
#define MAX_CODE_CHARS 65536
#define MAX_LINE_CHARS 2000

#define PLACEHOLDER_COLOR "#3584e4"

struct _PbPageProperty
{
  AdwPreferencesRow  parent_instance;

  GtkImage          *prefix_image;
  GtkLabel          *title_label;
  GtkBox            *value_box;
  GtkLabel          *value_label;
  GtkWidget         *code_block; /* made when the row first shows code */
  GtkTextView       *code_view;
  GtkBox            *suffixes;
  GtkToggleButton   *reveal_button;
  GtkButton         *copy_button;

  char              *value;
  char              *empty_text;
  char              *copy_label;
  char              *masked_text;
  guint              secret : 1;
  guint              revealed : 1;
  guint              monospace : 1;
  guint              hide_title : 1;
  guint              code : 1;
  guint              mark_placeholders : 1;
  guint              code_dirty : 1;
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
  PROP_CODE,
  PROP_MARK_PLACEHOLDERS,
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

/* `text` as Pango markup, with each ${placeholder} highlighted. */
char *
pb_page_mark_placeholders (const char *text)
{
  g_autoptr(GArray) spans = pb_json_text_find_placeholders (text);
  GString *markup = g_string_new (NULL);
  gsize position = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const PbTextSpan *span = &g_array_index (spans, PbTextSpan, i);
      g_autofree char *before = g_markup_escape_text (text + position, span->start - position);
      g_autofree char *placeholder = g_markup_escape_text (text + span->start,
                                                           span->end - span->start);

      g_string_append (markup, before);
      g_string_append_printf (markup,
                              "<span font_family=\"monospace\" weight=\"bold\" "
                              "background=\"" PLACEHOLDER_COLOR "\" bgalpha=\"22%%\">%s</span>",
                              placeholder);
      position = span->end;
    }

  if (text[position] != '\0')
    {
      g_autofree char *rest = g_markup_escape_text (text + position, -1);

      g_string_append (markup, rest);
    }

  return g_string_free (markup, FALSE);
}

/* `value` for a code block: at most MAX_CODE_CHARS, and each line at most MAX_LINE_CHARS (Pango
 * shapes a paragraph as a whole: one line of 64 KiB took minutes). */
static char *
code_for_display (const char *value)
{
  g_autofree char *text = pb_format_for_display (value, MAX_CODE_CHARS);
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = pb_format_for_display (lines[i], MAX_LINE_CHARS);

      g_free (lines[i]);
      lines[i] = line;
    }

  return g_strjoinv ("\n", lines);
}

static void
fill_code_view (PbPageProperty *self,
                const char     *value)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->code_view);
  g_autofree char *text = code_for_display (value);
  GtkTextTag *tag;

  self->code_dirty = FALSE;
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  if (!self->mark_placeholders || text == NULL)
    return;

  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "placeholder");
  if (tag == NULL)
    {
      GdkRGBA background;

      gdk_rgba_parse (&background, PLACEHOLDER_COLOR);
      background.alpha = 0.22f;
      tag = gtk_text_buffer_create_tag (buffer, "placeholder",
                                        "weight", PANGO_WEIGHT_BOLD,
                                        "background-rgba", &background,
                                        NULL);
    }

  {
    g_autoptr(GArray) spans = pb_json_text_find_placeholders (text);

    for (guint i = 0; i < spans->len; i++)
      {
        const PbTextSpan *span = &g_array_index (spans, PbTextSpan, i);
        GtkTextIter start, end;

        gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                            g_utf8_pointer_to_offset (text, text + span->start));
        gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                            g_utf8_pointer_to_offset (text, text + span->end));
        gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
      }
  }
}

static void
ensure_code_block (PbPageProperty *self)
{
  GtkWidget *scroller;

  self->code_view = g_object_new (GTK_TYPE_TEXT_VIEW,
                                  "editable", FALSE,
                                  "cursor-visible", FALSE,
                                  "accepts-tab", FALSE,
                                  "monospace", TRUE,
                                  "wrap-mode", GTK_WRAP_WORD_CHAR,
                                  NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->code_view), "pb-code-view");

  /* Never a scroller inside the page's scroller: it would trap the wheel and clip the last
   * line. The block is as tall as its text (kept to MAX_CODE_CHARS). */
  scroller = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "hscrollbar-policy", GTK_POLICY_NEVER,
                           "vscrollbar-policy", GTK_POLICY_NEVER,
                           "propagate-natural-height", TRUE,
                           "child", self->code_view,
                           NULL);
  gtk_widget_add_css_class (scroller, "pb-code");

  self->code_block = adw_bin_new ();
  gtk_widget_set_layout_manager (self->code_block, _pb_page_property_code_layout_new ());
  adw_bin_set_child (ADW_BIN (self->code_block), scroller);
  gtk_box_insert_child_after (self->value_box, self->code_block, GTK_WIDGET (self->value_label));
}

/* What the row shows: the masked text while a secret is hidden, else the value. */
static const char *
shown_value (PbPageProperty *self)
{
  if (self->secret && !self->revealed && has_value (self))
    return self->masked_text != NULL ? self->masked_text : PB_SECRET_MASK;

  return self->value;
}

static void
pb_page_property_update (PbPageProperty *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  gboolean has_title = title != NULL && title[0] != '\0';
  const char *value = shown_value (self);
  gboolean as_code = self->code && has_value (self);
  g_autofree char *short_title = pb_format_for_display (title, MAX_ACCESSIBLE_CHARS);
  g_autofree char *shown = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_label (self->title_label, short_title);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), !self->hide_title && has_title);
  gtk_label_set_selectable (self->title_label,
                            adw_preferences_row_get_title_selectable (ADW_PREFERENCES_ROW (self)));

  if (as_code && self->code_block == NULL)
    ensure_code_block (self);
  gtk_widget_set_visible (GTK_WIDGET (self->value_label), !as_code);
  if (self->code_block != NULL)
    gtk_widget_set_visible (self->code_block, as_code);
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "monospace");
  gtk_label_set_use_markup (self->value_label, FALSE);

  if (!has_value (self))
    {
      shown = g_strdup (self->empty_text ? self->empty_text : _("Not set"));
      gtk_label_set_label (self->value_label, shown);
      gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
      gtk_label_set_selectable (self->value_label, FALSE);
    }
  else if (as_code)
    {
      if (self->code_dirty)
        fill_code_view (self, value);
      shown = pb_format_for_display (value, MAX_ACCESSIBLE_CHARS);
    }
  else
    {
      g_autofree char *text = pb_format_for_display (value, MAX_LABEL_CHARS);

      if (self->mark_placeholders)
        {
          g_autofree char *markup = pb_page_mark_placeholders (text);

          gtk_label_set_markup (self->value_label, markup);
        }
      else
        gtk_label_set_label (self->value_label, text);

      if (self->monospace)
        gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "monospace");
      gtk_label_set_selectable (self->value_label, TRUE);
      shown = pb_format_for_display (value, MAX_ACCESSIBLE_CHARS);
    }

  /* Beside a block of text the buttons stay at its top, where the eye starts. */
  gtk_widget_set_valign (GTK_WIDGET (self->suffixes),
                         as_code || (value && strchr (value, '\n'))
                         ? GTK_ALIGN_START : GTK_ALIGN_CENTER);

  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), self->secret && has_value (self));
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button),
                            self->revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");

  gtk_widget_set_visible (GTK_WIDGET (self->copy_button),
                          self->copy_label != NULL && has_value (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "property.copy", has_value (self));

  if (has_title)
    /* Translators: how a screen reader reads a row: title, then value */
    accessible = g_strdup_printf (_("%s: %s"), short_title, shown);
  else
    accessible = g_strdup (shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (self->code_view != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_view),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, has_title ? short_title : "",
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

  /* Copy copies what is shown: the masked text while the secret is hidden. */
  if (has_value (self))
    pb_page_copy_to_clipboard (widget, shown_value (self));
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
    case PROP_CODE:
      g_value_set_boolean (value, self->code);
      break;
    case PROP_MARK_PLACEHOLDERS:
      g_value_set_boolean (value, self->mark_placeholders);
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
    case PROP_CODE:
      pb_page_property_set_code (self, g_value_get_boolean (value));
      break;
    case PROP_MARK_PLACEHOLDERS:
      pb_page_property_set_mark_placeholders (self, g_value_get_boolean (value));
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
  /* Shows the value as a block of code, for long texts. */
  properties[PROP_CODE] =
    g_param_spec_boolean ("code", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MARK_PLACEHOLDERS] =
    g_param_spec_boolean ("mark-placeholders", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "property.copy", NULL, copy_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-page-property.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, prefix_image);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, value_label);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, value_box);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, suffixes);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, PbPageProperty, copy_button);
}

static void
pb_page_property_init (PbPageProperty *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The row's child: the box of icon, value and buttons. */
  gtk_widget_set_layout_manager (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self)),
                                 _pb_page_property_row_layout_new ());

  g_object_bind_property (self, "revealed", self->reveal_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_notify), NULL);
  g_signal_connect (self, "notify::title-selectable", G_CALLBACK (on_title_notify), NULL);
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

  if (!set_str (&self->value, value))
    return;

  self->code_dirty = TRUE;
  pb_page_property_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
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
  g_autofree char *shown = NULL;

  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  shown = pb_format_for_display (tooltip, MAX_TOOLTIP_CHARS);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), shown);
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
      self->code_dirty = TRUE;
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
    {
      self->code_dirty = TRUE;
      pb_page_property_update (self);
    }
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
      self->code_dirty = TRUE;
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

gboolean
pb_page_property_get_code (PbPageProperty *self)
{
  g_return_val_if_fail (PB_IS_PAGE_PROPERTY (self), FALSE);

  return self->code;
}

void
pb_page_property_set_code (PbPageProperty *self,
                           gboolean        code)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  code = !!code;
  if (self->code != code)
    {
      self->code = code;
      self->code_dirty = TRUE;
      pb_page_property_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
    }
}

gboolean
pb_page_property_get_mark_placeholders (PbPageProperty *self)
{
  g_return_val_if_fail (PB_IS_PAGE_PROPERTY (self), FALSE);

  return self->mark_placeholders;
}

void
pb_page_property_set_mark_placeholders (PbPageProperty *self,
                                        gboolean        mark_placeholders)
{
  g_return_if_fail (PB_IS_PAGE_PROPERTY (self));

  mark_placeholders = !!mark_placeholders;
  if (self->mark_placeholders != mark_placeholders)
    {
      self->mark_placeholders = mark_placeholders;
      self->code_dirty = TRUE;
      pb_page_property_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK_PLACEHOLDERS]);
    }
}
