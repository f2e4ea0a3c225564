/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-connection-private.h"

/*
 * The connection model and its parser.
 *
 * The parser is a small strict JSON reader of our own instead of a json-glib tree: json-glib 1.6
 * accepts comments, single quotes, hex numbers and unlimited nesting, and a tree of a
 * 50,000-item list costs many times the size of the text. Here a document is first checked in
 * one pass (RFC 8259 grammar, UTF-8, nesting depth), which also notes where each object and
 * array ends, then read member by member straight into the objects, one connection at a time:
 * skipping a value already read is a look-up, so each byte is looked at about twice. Each
 * connection keeps all its strings, the compact JSON text first, in one block (`pool`), which
 * keeps memory close to the size of the text.
 */

G_DEFINE_QUARK (pb-parse-error-quark, pb_parse_error)

G_DEFINE_ENUM_TYPE (PbSystemKind, pb_system_kind,
                    G_DEFINE_ENUM_VALUE (PB_SYSTEM_KIND_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (PB_SYSTEM_KIND_DATA_SYSTEM, "data-system"),
                    G_DEFINE_ENUM_VALUE (PB_SYSTEM_KIND_DESTINATION, "destination"))

G_DEFINE_ENUM_TYPE (PbAuthKind, pb_auth_kind,
                    G_DEFINE_ENUM_VALUE (PB_AUTH_KIND_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (PB_AUTH_KIND_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (PB_AUTH_KIND_OAUTH, "oauth"))

/* Copies strings (each may be NULL) into one block; out[i] points into it or is NULL. */
static char *
pack_strings (const char * const *in,
              guint               n,
              const char        **out)
{
  gsize total = 0;
  char *block;
  char *p;

  for (guint i = 0; i < n; i++)
    if (in[i] != NULL)
      total += strlen (in[i]) + 1;

  if (total == 0)
    {
      for (guint i = 0; i < n; i++)
        out[i] = NULL;
      return NULL;
    }

  p = block = g_malloc (total);
  for (guint i = 0; i < n; i++)
    {
      if (in[i] == NULL)
        {
          out[i] = NULL;
          continue;
        }
      out[i] = p;
      p = g_stpcpy (p, in[i]) + 1;
    }

  return block;
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* PbNameValue                                                                                */

struct _PbNameValue
{
  GObject     parent_instance;
  char       *block;
  const char *fields[2];
};

enum { NV_NAME, NV_VALUE, NV_N_FIELDS };

G_DEFINE_FINAL_TYPE (PbNameValue, pb_name_value, G_TYPE_OBJECT)

enum {
  NV_PROP_0,
  NV_PROP_NAME,
  NV_PROP_VALUE,
  NV_N_PROPS
};

static GParamSpec *nv_properties[NV_N_PROPS];

static void
pb_name_value_finalize (GObject *object)
{
  PbNameValue *self = (PbNameValue *)object;

  g_free (self->block);

  G_OBJECT_CLASS (pb_name_value_parent_class)->finalize (object);
}

static void
pb_name_value_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbNameValue *self = PB_NAME_VALUE (object);

  switch (prop_id)
    {
    case NV_PROP_NAME:
    case NV_PROP_VALUE:
      g_value_set_string (value, self->fields[prop_id - NV_PROP_NAME]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_name_value_class_init (PbNameValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_name_value_finalize;
  object_class->get_property = pb_name_value_get_property;

  nv_properties[NV_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  nv_properties[NV_PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, NV_N_PROPS, nv_properties);
}

static void
pb_name_value_init (PbNameValue *self)
{
}

PbNameValue *
pb_name_value_new (const char *name,
                   const char *value)
{
  const char *in[NV_N_FIELDS] = { name, value };
  PbNameValue *self = g_object_new (PB_TYPE_NAME_VALUE, NULL);

  self->block = pack_strings (in, NV_N_FIELDS, self->fields);

  return self;
}

const char *
pb_name_value_get_name (PbNameValue *self)
{
  g_return_val_if_fail (PB_IS_NAME_VALUE (self), NULL);

  return self->fields[NV_NAME];
}

const char *
pb_name_value_get_value (PbNameValue *self)
{
  g_return_val_if_fail (PB_IS_NAME_VALUE (self), NULL);

  return self->fields[NV_VALUE];
}

/* ------------------------------------------------------------------------------------------ */
/* PbInputMapping                                                                             */

enum { IM_LABEL, IM_KEY, IM_TYPE, IM_EXAMPLE_VALUE, IM_MAPPING, IM_N_FIELDS };

struct _PbInputMapping
{
  GObject     parent_instance;
  char       *block;
  const char *fields[IM_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PbInputMapping, pb_input_mapping, G_TYPE_OBJECT)

enum {
  IM_PROP_0,
  IM_PROP_LABEL,
  IM_PROP_KEY,
  IM_PROP_VALUE_TYPE,
  IM_PROP_EXAMPLE_VALUE,
  IM_PROP_MAPPING,
  IM_N_PROPS
};

static GParamSpec *im_properties[IM_N_PROPS];

static void
pb_input_mapping_finalize (GObject *object)
{
  PbInputMapping *self = (PbInputMapping *)object;

  g_free (self->block);

  G_OBJECT_CLASS (pb_input_mapping_parent_class)->finalize (object);
}

static void
pb_input_mapping_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbInputMapping *self = PB_INPUT_MAPPING (object);

  if (prop_id > IM_PROP_0 && prop_id < IM_N_PROPS)
    g_value_set_string (value, self->fields[prop_id - IM_PROP_LABEL]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pb_input_mapping_class_init (PbInputMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "label", "key", "value-type", "example-value", "mapping" };

  object_class->finalize = pb_input_mapping_finalize;
  object_class->get_property = pb_input_mapping_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    im_properties[IM_PROP_LABEL + i] =
      g_param_spec_string (names[i], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, IM_N_PROPS, im_properties);
}

static void
pb_input_mapping_init (PbInputMapping *self)
{
}

PbInputMapping *
pb_input_mapping_new (const char *label,
                      const char *key,
                      const char *value_type,
                      const char *example_value,
                      const char *mapping)
{
  const char *in[IM_N_FIELDS] = { label, key, value_type, example_value, mapping };
  PbInputMapping *self = g_object_new (PB_TYPE_INPUT_MAPPING, NULL);

  self->block = pack_strings (in, IM_N_FIELDS, self->fields);

  return self;
}

#define IM_GETTER(func, field)                                    \
  const char *                                                    \
  pb_input_mapping_get_##func (PbInputMapping *self)              \
  {                                                               \
    g_return_val_if_fail (PB_IS_INPUT_MAPPING (self), NULL);      \
    return self->fields[field];                                   \
  }

IM_GETTER (label, IM_LABEL)
IM_GETTER (key, IM_KEY)
IM_GETTER (value_type, IM_TYPE)
IM_GETTER (example_value, IM_EXAMPLE_VALUE)
IM_GETTER (mapping, IM_MAPPING)

/* ------------------------------------------------------------------------------------------ */
/* PbOutputMapping                                                                            */

enum { OM_LABEL, OM_OUTPUT_REFERENCE, OM_TYPE, OM_N_FIELDS };

struct _PbOutputMapping
{
  GObject     parent_instance;
  char       *block;
  const char *fields[OM_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PbOutputMapping, pb_output_mapping, G_TYPE_OBJECT)

enum {
  OM_PROP_0,
  OM_PROP_LABEL,
  OM_PROP_OUTPUT_REFERENCE,
  OM_PROP_VALUE_TYPE,
  OM_N_PROPS
};

static GParamSpec *om_properties[OM_N_PROPS];

static void
pb_output_mapping_finalize (GObject *object)
{
  PbOutputMapping *self = (PbOutputMapping *)object;

  g_free (self->block);

  G_OBJECT_CLASS (pb_output_mapping_parent_class)->finalize (object);
}

static void
pb_output_mapping_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbOutputMapping *self = PB_OUTPUT_MAPPING (object);

  if (prop_id > OM_PROP_0 && prop_id < OM_N_PROPS)
    g_value_set_string (value, self->fields[prop_id - OM_PROP_LABEL]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pb_output_mapping_class_init (PbOutputMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "label", "output-reference", "value-type" };

  object_class->finalize = pb_output_mapping_finalize;
  object_class->get_property = pb_output_mapping_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    om_properties[OM_PROP_LABEL + i] =
      g_param_spec_string (names[i], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, OM_N_PROPS, om_properties);
}

static void
pb_output_mapping_init (PbOutputMapping *self)
{
}

PbOutputMapping *
pb_output_mapping_new (const char *label,
                       const char *output_reference,
                       const char *value_type)
{
  const char *in[OM_N_FIELDS] = { label, output_reference, value_type };
  PbOutputMapping *self = g_object_new (PB_TYPE_OUTPUT_MAPPING, NULL);

  self->block = pack_strings (in, OM_N_FIELDS, self->fields);

  return self;
}

#define OM_GETTER(func, field)                                    \
  const char *                                                    \
  pb_output_mapping_get_##func (PbOutputMapping *self)            \
  {                                                               \
    g_return_val_if_fail (PB_IS_OUTPUT_MAPPING (self), NULL);     \
    return self->fields[field];                                   \
  }

OM_GETTER (label, OM_LABEL)
OM_GETTER (output_reference, OM_OUTPUT_REFERENCE)
OM_GETTER (value_type, OM_TYPE)

/* Items are immutable, so two lists can share them; equal items are not replaced. */
static gboolean
item_equal (gpointer a,
            gpointer b)
{
  if (a == b)
    return TRUE;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  if (PB_IS_NAME_VALUE (a))
    return strv_equal (((PbNameValue *)a)->fields, ((PbNameValue *)b)->fields, NV_N_FIELDS);
  if (PB_IS_INPUT_MAPPING (a))
    return strv_equal (((PbInputMapping *)a)->fields, ((PbInputMapping *)b)->fields,
                       IM_N_FIELDS);
  if (PB_IS_OUTPUT_MAPPING (a))
    return strv_equal (((PbOutputMapping *)a)->fields, ((PbOutputMapping *)b)->fields,
                       OM_N_FIELDS);

  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* PbItemList: a compact array-backed GListModel for the tables of a connection                */

#define PB_TYPE_ITEM_LIST (pb_item_list_get_type ())
G_DECLARE_FINAL_TYPE (PbItemList, pb_item_list, PB, ITEM_LIST, GObject)

struct _PbItemList
{
  GObject   parent_instance;
  GType     item_type;
  guint     n_items;
  gpointer *items;
};

static GType
pb_item_list_get_item_type (GListModel *model)
{
  return PB_ITEM_LIST (model)->item_type;
}

static guint
pb_item_list_get_n_items (GListModel *model)
{
  return PB_ITEM_LIST (model)->n_items;
}

static gpointer
pb_item_list_get_item (GListModel *model,
                       guint       position)
{
  PbItemList *self = PB_ITEM_LIST (model);

  if (position >= self->n_items)
    return NULL;

  return g_object_ref (self->items[position]);
}

static void
pb_item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_item_list_get_item_type;
  iface->get_n_items = pb_item_list_get_n_items;
  iface->get_item = pb_item_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PbItemList, pb_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pb_item_list_model_init))

static void
pb_item_list_finalize (GObject *object)
{
  PbItemList *self = (PbItemList *)object;

  for (guint i = 0; i < self->n_items; i++)
    g_object_unref (self->items[i]);
  g_free (self->items);

  G_OBJECT_CLASS (pb_item_list_parent_class)->finalize (object);
}

static void
pb_item_list_class_init (PbItemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_item_list_finalize;
}

static void
pb_item_list_init (PbItemList *self)
{
}

/* Takes the references of the items in `items` (may be NULL). */
static PbItemList *
pb_item_list_new_take (GType      item_type,
                       GPtrArray *items)
{
  PbItemList *self = g_object_new (PB_TYPE_ITEM_LIST, NULL);

  self->item_type = item_type;
  if (items != NULL && items->len > 0)
    {
      self->n_items = items->len;
      self->items = g_memdup2 (items->pdata, sizeof (gpointer) * items->len);
      g_ptr_array_set_free_func (items, NULL);
      g_ptr_array_set_size (items, 0);
    }

  return self;
}

/* Makes the list hold the same items as `source` (of n_source items, not owned), with one
 * items-changed for the range that differs. */
static void
pb_item_list_sync (PbItemList *self,
                   gpointer   *source,
                   guint       n_source)
{
  guint prefix = 0;
  guint suffix = 0;
  guint n_removed;
  guint n_added;
  guint new_n;
  gpointer *new_items;
  gpointer *old_items;
  guint old_n;

  while (prefix < self->n_items && prefix < n_source
         && item_equal (self->items[prefix], source[prefix]))
    prefix++;
  while (suffix < self->n_items - prefix && suffix < n_source - prefix
         && item_equal (self->items[self->n_items - 1 - suffix], source[n_source - 1 - suffix]))
    suffix++;

  n_removed = self->n_items - prefix - suffix;
  n_added = n_source - prefix - suffix;
  if (n_removed == 0 && n_added == 0)
    return;

  new_n = n_source;
  new_items = new_n > 0 ? g_new (gpointer, new_n) : NULL;
  for (guint i = 0; i < prefix; i++)
    new_items[i] = self->items[i];
  for (guint i = 0; i < n_added; i++)
    new_items[prefix + i] = g_object_ref (source[prefix + i]);
  for (guint i = 0; i < suffix; i++)
    new_items[prefix + n_added + i] = self->items[self->n_items - suffix + i];

  old_items = self->items;
  old_n = self->n_items;
  self->items = new_items;
  self->n_items = new_n;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_removed, n_added);

  for (guint i = prefix; i < old_n - suffix; i++)
    g_object_unref (old_items[i]);
  g_free (old_items);
}

/* ------------------------------------------------------------------------------------------ */
/* Strict JSON: checking a whole document                                                     */

static inline gboolean
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && is_ws (*p))
    p++;
  return p;
}

/* Eight bytes at a time through the plain part of strings (most of a document). The masks
 * below flag the bytes looked for in the high bit of each byte; bytes after the first one
 * flagged may be flagged wrongly (a borrow), the first one never is. Words are read in
 * little-endian order, so that the first byte is the lowest. */
#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return GUINT64_FROM_LE (word);
}

/* The index of the first byte flagged in a mask that is not 0. */
static inline guint
first_flagged (guint64 mask)
{
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll (mask) / 8;
#else
  guint i = 0;

  while ((mask & 0x80) == 0)
    {
      mask >>= 8;
      i++;
    }
  return i;
#endif
}

static inline guint64
bytes_equal_to (guint64 word,
                guchar  c)
{
  guint64 x = word ^ (ONES * c);

  return (x - ONES) & ~x;
}

/* Quotes and backslashes. */
static inline guint64
quote_or_escape_mask (guint64 word)
{
  return (bytes_equal_to (word, '"') | bytes_equal_to (word, '\\')) & HIGHS;
}

/* What is not plain text: quotes, backslashes, control characters, and bytes of UTF-8
 * sequences. */
static inline guint64
not_plain_text_mask (guint64 word)
{
  return (bytes_equal_to (word, '"') | bytes_equal_to (word, '\\') | (word - ONES * 0x20) | word)
         & HIGHS;
}

/* The length of the UTF-8 sequence at p (whose first byte is >= 0x80) if it is valid, else 0.
 * Valid as g_utf8_get_char_validated() has it (RFC 3629): no overlong forms, no surrogates,
 * nothing past U+10FFFF, and complete before `end`. */
static inline guint
utf8_sequence_length (const char *p,
                      const char *end)
{
  const guchar *u = (const guchar *)p;
  gsize left = end - p;
  guchar lo = 0x80;
  guchar hi = 0xBF;

  if (u[0] < 0xC2)
    return 0;
  if (u[0] < 0xE0)
    return left >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
  if (u[0] < 0xF0)
    {
      if (u[0] == 0xE0)
        lo = 0xA0;
      else if (u[0] == 0xED)
        hi = 0x9F;
      return left >= 3 && u[1] >= lo && u[1] <= hi && (u[2] & 0xC0) == 0x80 ? 3 : 0;
    }
  if (u[0] < 0xF5)
    {
      if (u[0] == 0xF0)
        lo = 0x90;
      else if (u[0] == 0xF4)
        hi = 0x8F;
      return left >= 4 && u[1] >= lo && u[1] <= hi && (u[2] & 0xC0) == 0x80
             && (u[3] & 0xC0) == 0x80 ? 4 : 0;
    }
  return 0;
}

static gboolean
syntax_error (const char  *start,
              const char  *end,
              const char  *at,
              const char  *reason,
              GError     **error)
{
  const char *line_start = start;
  guint line = 1;
  glong column;

  /* UTF-8 is checked as the text is read: what was before `at` is valid. */
  if (at < end && *at == '\0')
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is not valid JSON: it contains a zero byte."));
      return FALSE;
    }
  if (at < end && (guchar)*at >= 0x80 && (gint32)g_utf8_get_char_validated (at, end - at) < 0)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is not valid UTF-8 text."));
      return FALSE;
    }

  for (const char *q = start; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }
  column = g_utf8_strlen (line_start, at - line_start) + 1;

  g_debug ("JSON syntax error at byte %" G_GSIZE_FORMAT ": %s", (gsize)(at - start), reason);
  g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
               _("The data is not valid JSON: %s (line %u, column %ld)."),
               reason, line, column);
  return FALSE;
}

static gboolean
check_string (const char  *start,
              const char **pp,
              const char  *end,
              GError     **error)
{
  const char *q = *pp + 1;

  while (q < end)
    {
      guchar c;

      /* Straight to the first byte that is not plain text. */
      while (end - q >= 8)
        {
          guint64 mask = not_plain_text_mask (load_word (q));

          if (mask != 0)
            {
              q += first_flagged (mask);
              break;
            }
          q += 8;
        }
      if (q >= end)
        break;

      c = (guchar)*q;
      if (G_LIKELY (c >= 0x20 && c < 0x80 && c != '"' && c != '\\'))
        {
          q++;
          continue;
        }

      if (c >= 0x80)
        {
          guint len = utf8_sequence_length (q, end);

          if (len == 0)
            return syntax_error (start, end, q, "invalid UTF-8", error);
          q += len;
          continue;
        }

      if (c == '"')
        {
          *pp = q + 1;
          return TRUE;
        }
      else if (c == '\\')
        {
          if (q + 1 >= end)
            break;
          switch (q[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              q += 2;
              break;

            case 'u':
              for (guint i = 2; i < 6; i++)
                if (q + i >= end || !g_ascii_isxdigit (q[i]))
                  return syntax_error (start, end, q,
                                       _("a text in quotes has a bad escape sequence"), error);
              q += 6;
              break;

            default:
              return syntax_error (start, end, q, _("a text in quotes has a bad escape sequence"),
                                   error);
            }
        }
      else if (c < 0x20)
        return syntax_error (start, end, q,
                             _("a text in quotes contains a control character"), error);
      else
        q++;
    }

  return syntax_error (start, end, end, _("a text in quotes is not closed"), error);
}

static gboolean
check_number (const char  *start,
              const char **pp,
              const char  *end,
              GError     **error)
{
  const char *q = *pp;

  if (*q == '-')
    q++;
  if (q >= end || !g_ascii_isdigit (*q))
    return syntax_error (start, end, *pp, _("a number is not valid"), error);
  if (*q == '0')
    q++;
  else
    while (q < end && g_ascii_isdigit (*q))
      q++;

  if (q < end && *q == '.')
    {
      q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return syntax_error (start, end, *pp, _("a number is not valid"), error);
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }

  if (q < end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return syntax_error (start, end, *pp, _("a number is not valid"), error);
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }

  *pp = q;
  return TRUE;
}

/* What the check of a document learns for the reading: where each object or array ends (in
 * the order they open), so that skipping one is a look-up instead of a scan, and whether
 * there is white space between the tokens inside the value (if not, an object's text is
 * already compact). */
typedef struct
{
  guint32 open;  /* offsets from the start of the document */
  guint32 close;
} Bracket;

typedef struct
{
  const char *start;
  Bracket    *items;  /* NULL: not recorded (too many), skipping scans */
  guint       n;
  guint       next;   /* where the next look-up most likely is: reading goes forward */
  gboolean    spaced;
} Brackets;

static void
brackets_clear (Brackets *b)
{
  g_clear_pointer (&b->items, g_free);
  b->n = 0;
}

/* The end of the object or array at p, or NULL if it was not recorded. */
static inline const char *
brackets_skip (Brackets   *b,
               const char *p)
{
  guint32 off;
  guint i;
  guint lo;
  guint hi;

  if (b == NULL || b->items == NULL)
    return NULL;

  off = p - b->start;
  i = b->next;
  if (G_LIKELY (i < b->n && b->items[i].open == off))
    {
      b->next = i + 1;
      return b->start + b->items[i].close + 1;
    }

  if (i < b->n && b->items[i].open < off)
    {
      lo = i + 1;
      hi = b->n;
    }
  else
    {
      lo = 0;
      hi = MIN (i, b->n);
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (b->items[mid].open < off)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo >= b->n || b->items[lo].open != off)
    return NULL;

  b->next = lo + 1;
  return b->start + b->items[lo].close + 1;
}

typedef enum
{
  EXPECT_VALUE,
  EXPECT_FIRST_MEMBER,
  EXPECT_MEMBER,
  EXPECT_FIRST_ELEMENT,
  AFTER_VALUE,
} ScanState;

/* Checks that [start, end) is one JSON value (RFC 8259) nested at most PB_PARSE_MAX_DEPTH
 * deep. Does not recurse, so any input is safe. Fills `brackets` (cleared on failure). */
static gboolean
check_document (const char  *start,
                const char  *end,
                Brackets    *brackets,
                GError     **error)
{
  guint8 is_object[PB_PARSE_MAX_DEPTH / 8 + 1] = { 0 };
  guint32 open_index[PB_PARSE_MAX_DEPTH];
  /* At most the size of the text: past that (a text of little else than brackets) skipping
   * scans instead. */
  gsize max_brackets = (end - start) / sizeof (Bracket) + 64;
  gsize capacity = MIN (max_brackets, (gsize)(end - start) / 64 + 16);
  guint depth = 0;
  const char *p = start;
  ScanState state = EXPECT_VALUE;

  brackets->start = start;
  brackets->n = 0;
  brackets->next = 0;
  brackets->spaced = FALSE;
  brackets->items = g_new (Bracket, capacity);

/* Records the end of the innermost open bracket at p, before depth goes down. */
#define CLOSE_BRACKET()                                                  \
  G_STMT_START {                                                         \
    if (brackets->items != NULL)                                         \
      brackets->items[open_index[depth - 1]].close = p - start;          \
  } G_STMT_END

  for (;;)
    {
      {
        const char *q = skip_ws (p, end);

        if (q != p && depth > 0)
          brackets->spaced = TRUE;
        p = q;
      }

      switch (state)
        {
        case EXPECT_VALUE:
          if (p >= end)
            return syntax_error (start, end, p, _("the text ends too early"), error);
          switch (*p)
            {
            case '{':
            case '[':
              if (depth >= PB_PARSE_MAX_DEPTH)
                {
                  g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                               _("The data is nested too deeply (more than %d levels)."),
                               PB_PARSE_MAX_DEPTH);
                  return FALSE;
                }
              if (*p == '{')
                is_object[depth / 8] |= (1 << (depth % 8));
              else
                is_object[depth / 8] &= ~(1 << (depth % 8));
              if (brackets->items != NULL)
                {
                  if (brackets->n == capacity)
                    {
                      if (capacity >= max_brackets)
                        brackets_clear (brackets);
                      else
                        {
                          capacity = MIN (capacity * 2, max_brackets);
                          brackets->items = g_renew (Bracket, brackets->items, capacity);
                        }
                    }
                  if (brackets->items != NULL)
                    {
                      brackets->items[brackets->n].open = p - start;
                      open_index[depth] = brackets->n++;
                    }
                }
              depth++;
              state = *p == '{' ? EXPECT_FIRST_MEMBER : EXPECT_FIRST_ELEMENT;
              p++;
              break;

            case '"':
              if (!check_string (start, &p, end, error))
                return FALSE;
              state = AFTER_VALUE;
              break;

            case 't':
            case 'f':
            case 'n':
              {
                const char *word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
                gsize len = strlen (word);

                if ((gsize)(end - p) < len || memcmp (p, word, len) != 0)
                  return syntax_error (start, end, p, _("a value was expected"), error);
                p += len;
                state = AFTER_VALUE;
              }
              break;

            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!check_number (start, &p, end, error))
                return FALSE;
              state = AFTER_VALUE;
              break;

            default:
              return syntax_error (start, end, p, _("a value was expected"), error);
            }
          break;

        case EXPECT_FIRST_MEMBER:
        case EXPECT_MEMBER:
          if (p >= end)
            return syntax_error (start, end, p, _("the text ends too early"), error);
          if (state == EXPECT_FIRST_MEMBER && *p == '}')
            {
              CLOSE_BRACKET ();
              depth--;
              p++;
              state = AFTER_VALUE;
              break;
            }
          if (*p != '"')
            return syntax_error (start, end, p, _("a name in quotes was expected"), error);
          if (!check_string (start, &p, end, error))
            return FALSE;
          if (p < end && is_ws (*p))
            {
              brackets->spaced = TRUE;
              p = skip_ws (p, end);
            }
          if (p >= end)
            return syntax_error (start, end, p, _("the text ends too early"), error);
          if (*p != ':')
            return syntax_error (start, end, p, _("a colon was expected"), error);
          p++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_FIRST_ELEMENT:
          if (p < end && *p == ']')
            {
              CLOSE_BRACKET ();
              depth--;
              p++;
              state = AFTER_VALUE;
            }
          else
            state = EXPECT_VALUE;
          break;

        case AFTER_VALUE:
        default:
          if (depth == 0)
            {
              if (p >= end)
                return TRUE;
              return syntax_error (start, end, p, _("there is more after the end of the data"),
                                   error);
            }
          if (p >= end)
            return syntax_error (start, end, p, _("the text ends too early"), error);
          {
            gboolean in_object = (is_object[(depth - 1) / 8] & (1 << ((depth - 1) % 8))) != 0;

            if (*p == ',')
              {
                p++;
                state = in_object ? EXPECT_MEMBER : EXPECT_VALUE;
              }
            else if (*p == (in_object ? '}' : ']'))
              {
                CLOSE_BRACKET ();
                p++;
                depth--;
              }
            else if (in_object)
              return syntax_error (start, end, p, _("a comma or “}” was expected"), error);
            else
              return syntax_error (start, end, p, _("a comma or “]” was expected"), error);
          }
          break;
        }
    }

#undef CLOSE_BRACKET
}

/* Strips a byte order mark and checks the grammar and the encoding. On success, `brackets`
 * holds what the reading needs (free with brackets_clear()). */
static gboolean
prepare_document (const char  **data,
                  gsize        *length,
                  Brackets     *brackets,
                  GError      **error)
{
  const char *start = *data;
  gsize len = *length;

  if (len >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
    {
      start += 3;
      len -= 3;
    }

  if (len > G_MAXINT32)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is too large."));
      return FALSE;
    }

  if (skip_ws (start, start + len) == start + len)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is empty."));
      return FALSE;
    }

  if (!check_document (start, start + len, brackets, error))
    {
      brackets_clear (brackets);
      return FALSE;
    }

  *data = start;
  *length = len;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading checked JSON                                                                       */

typedef enum
{
  KIND_NULL,
  KIND_TRUE,
  KIND_FALSE,
  KIND_NUMBER,
  KIND_STRING,
  KIND_OBJECT,
  KIND_ARRAY,
} ValueKind;

static inline ValueKind
value_kind (const char *p)
{
  switch (*p)
    {
    case 'n': return KIND_NULL;
    case 't': return KIND_TRUE;
    case 'f': return KIND_FALSE;
    case '"': return KIND_STRING;
    case '{': return KIND_OBJECT;
    case '[': return KIND_ARRAY;
    default:  return KIND_NUMBER;
    }
}

/* The end of the string at p (checked text); *escaped tells whether it has a backslash. */
static inline const char *
scan_string (const char *p,
             const char *end,
             gboolean   *escaped)
{
  const char *q = p + 1;

  *escaped = FALSE;
  for (;;)
    {
      while (end - q >= 8)
        {
          guint64 mask = quote_or_escape_mask (load_word (q));

          if (mask != 0)
            {
              q += first_flagged (mask);
              goto found;
            }
          q += 8;
        }
      while (q < end && *q != '"' && *q != '\\')
        q++;
      if (q >= end)
        return end;

    found:
      if (*q == '"')
        return q + 1;
      *escaped = TRUE;
      if (end - q <= 2)
        return end;
      q += 2;
    }
}

static const char *
skip_string (const char *p,
             const char *end)
{
  gboolean escaped;

  return scan_string (p, end, &escaped);
}

static const char *
skip_value (const char *p,
            const char *end)
{
  switch (*p)
    {
    case '"':
      return skip_string (p, end);

    case '{':
    case '[':
      {
        guint depth = 0;

        while (p < end)
          {
            char c = *p;

            if (c == '"')
              {
                p = skip_string (p, end);
                continue;
              }
            if (c == '{' || c == '[')
              depth++;
            else if (c == '}' || c == ']')
              {
                depth--;
                if (depth == 0)
                  return p + 1;
              }
            p++;
          }
        return end;
      }

    default:
      while (p < end && *p != ',' && *p != '}' && *p != ']' && !is_ws (*p))
        p++;
      return p;
    }
}

/* skip_value() that jumps over objects and arrays whose end the check recorded. */
static inline const char *
skip_value_in (Brackets   *brackets,
               const char *p,
               const char *end)
{
  if (*p == '{' || *p == '[')
    {
      const char *q = brackets_skip (brackets, p);

      if (q != NULL)
        return q;
    }
  return skip_value (p, end);
}

static inline guint
hex4 (const char *p)
{
  guint v = 0;

  for (guint i = 0; i < 4; i++)
    v = (v << 4) | g_ascii_xdigit_value (p[i]);
  return v;
}

/* g_string_append_len() without a call when there is room (a string per value). */
static inline void
buf_append (GString    *buf,
            const char *p,
            gsize       n)
{
  if (G_UNLIKELY (buf->len + n >= buf->allocated_len))
    {
      g_string_append_len (buf, p, n);
      return;
    }
  memcpy (buf->str + buf->len, p, n);
  buf->len += n;
  buf->str[buf->len] = '\0';
}

/* Appends the decoded text of the string token [p, close). U+0000 and unpaired surrogates
 * become U+FFFD. */
static void
decode_string_to (const char *p,
                  const char *close,
                  GString    *out)
{
  const char *q = p + 1;
  const char *stop = close - 1; /* the closing quote */

  /* Most strings have no escapes: copy them whole. */
  if (stop <= q || memchr (q, '\\', stop - q) == NULL)
    {
      if (stop > q)
        buf_append (out, q, stop - q);
      return;
    }

  while (q < stop)
    {
      const char *run = q;

      while (q < stop && *q != '\\')
        q++;
      if (q > run)
        buf_append (out, run, q - run);
      if (q >= stop)
        break;

      /* An escape sequence, checked before. */
      switch (q[1])
        {
        case 'b': g_string_append_c (out, '\b'); q += 2; break;
        case 'f': g_string_append_c (out, '\f'); q += 2; break;
        case 'n': g_string_append_c (out, '\n'); q += 2; break;
        case 'r': g_string_append_c (out, '\r'); q += 2; break;
        case 't': g_string_append_c (out, '\t'); q += 2; break;
        case 'u':
          {
            gunichar c = hex4 (q + 2);

            q += 6;
            if (c >= 0xD800 && c <= 0xDBFF && stop - q >= 6 && q[0] == '\\' && q[1] == 'u')
              {
                gunichar low = hex4 (q + 2);

                if (low >= 0xDC00 && low <= 0xDFFF)
                  {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    q += 6;
                  }
              }
            if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
              c = 0xFFFD;
            g_string_append_unichar (out, c);
          }
          break;
        default: /* " \ / */
          g_string_append_c (out, q[1]);
          q += 2;
          break;
        }
    }
}

/* Appends the decoded text of the string at p; returns the end of the string. */
static const char *
decode_string (const char *p,
               const char *end,
               GString    *out)
{
  const char *close = skip_string (p, end);

  decode_string_to (p, close, out);
  return close;
}

/* Appends [p, end) without the white space between tokens. */
static void
append_compact (GString    *out,
                const char *p,
                const char *end)
{
  gsize start = out->len;
  char *w;

  g_string_set_size (out, start + (end - p));
  w = out->str + start;

  while (p < end)
    {
      if (*p == '"')
        {
          const char *q = skip_string (p, end);

          memcpy (w, p, q - p);
          w += q - p;
          p = q;
        }
      else if (is_ws (*p))
        p++;
      else
        *w++ = *p++;
    }

  g_string_truncate (out, w - out->str);
}

/* Reads an integral number (or an integral double such as 5.0 or 1e3) that fits in 64 bits. */
static gboolean
read_int64 (const char *p,
            const char *end,
            gint64     *out)
{
  const char *q = skip_value (p, end);
  char buf[64];
  gsize len = q - p;
  gboolean integral = TRUE;
  char *endptr = NULL;

  if (len == 0 || len >= sizeof buf)
    {
      /* A very long number: only a double can hold it. */
      g_autofree char *copy = g_strndup (p, len);
      double d = g_ascii_strtod (copy, NULL);

      if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == (double)(gint64)d)
        {
          *out = (gint64)d;
          return TRUE;
        }
      return FALSE;
    }

  memcpy (buf, p, len);
  buf[len] = '\0';
  for (gsize i = 0; i < len; i++)
    if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E')
      integral = FALSE;

  if (integral)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (buf, &endptr, 10);
      if (errno == 0 && endptr == buf + len)
        {
          *out = v;
          return TRUE;
        }
      return FALSE;
    }
  else
    {
      double d = g_ascii_strtod (buf, &endptr);

      if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == (double)(gint64)d)
        {
          *out = (gint64)d;
          return TRUE;
        }
      return FALSE;
    }
}

/* Reads the members or elements of an object or array. After each, `p` is the end of the
 * value given. */
typedef struct
{
  const char *p;
  const char *end;
  Brackets   *brackets; /* NULL: skip by scanning */
} Cursor;

static inline void
cursor_init (Cursor     *c,
             const char *container,
             const char *end,
             Brackets   *brackets)
{
  c->p = container + 1;
  c->end = end;
  c->brackets = brackets;
}

/* A member name: straight from the text when it has no escapes, else decoded. */
typedef struct
{
  const char *str;
  gsize       len;
} Key;

static inline gboolean
key_is (const Key  *key,
        const char *name)
{
  gsize len = strlen (name);

  return key->len == len && memcmp (key->str, name, len) == 0;
}

/* key_is() for a name of known length. */
static inline gboolean
key_is_len (const Key  *key,
            const char *name,
            gsize       len)
{
  return key->len == len && memcmp (key->str, name, len) == 0;
}

/* Next member of an object: its name in `key` (decoded into `buf` when needed), and `value`
 * pointing at its value. */
static gboolean
cursor_next_member (Cursor      *c,
                    GString     *buf,
                    Key         *key,
                    const char **value)
{
  const char *p = skip_ws (c->p, c->end);

  if (p < c->end && *p == ',')
    p = skip_ws (p + 1, c->end);
  if (p >= c->end || *p == '}')
    {
      c->p = p < c->end ? p + 1 : p;
      return FALSE;
    }

  {
    gboolean escaped;
    const char *close = scan_string (p, c->end, &escaped);

    if (!escaped)
      {
        key->str = p + 1;
        key->len = close - 1 - (p + 1);
      }
    else
      {
        g_string_truncate (buf, 0);
        decode_string_to (p, close, buf);
        key->str = buf->str;
        key->len = buf->len;
      }
    p = skip_ws (close, c->end);
  }
  p = skip_ws (p + 1, c->end); /* after ':' */
  *value = p;
  c->p = skip_value_in (c->brackets, p, c->end);
  return TRUE;
}

static gboolean
cursor_next_element (Cursor      *c,
                     const char **value)
{
  const char *p = skip_ws (c->p, c->end);

  if (p < c->end && *p == ',')
    p = skip_ws (p + 1, c->end);
  if (p >= c->end || *p == ']')
    {
      c->p = p < c->end ? p + 1 : p;
      return FALSE;
    }

  *value = p;
  c->p = skip_value_in (c->brackets, p, c->end);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* The parser of connections                                                                  */

#define NO_STRING G_MAXUINT32

enum {
  STR_JSON, /* first: offset 0 of the pool */
  STR_REF,
  STR_HREF,
  STR_CLIENT_KEY,
  STR_NAME,
  STR_DESCRIPTION,
  STR_MODIFIED_BY_REF,
  STR_MODIFIED_AT_TEXT,
  STR_SYSTEM_TYPE,
  STR_AUTH_TYPE,
  STR_AUTH_CLIENT_ID,
  STR_AUTH_ACCESS_TOKEN_URL,
  STR_REQUEST_TYPE,
  STR_CONNECTION_URL,
  STR_REQUEST_BODY,
  STR_EXAMPLE_VALUE,
  STR_ICON,
  N_STRS
};

enum {
  INT_REVISION,
  INT_CONNECTION_TIMEOUT,
  INT_SOCKET_TIMEOUT,
  N_INTS
};

enum {
  MODEL_OAUTH_CUSTOM_HEADERS,
  MODEL_FORM_URL_ENCODED_ITEMS,
  MODEL_CUSTOM_HEADERS,
  MODEL_URL_PARAMETERS,
  MODEL_INPUT_MAPPINGS,
  MODEL_OUTPUT_MAPPINGS,
  N_MODELS
};

/* An offset with this bit is into `shared`. Documents are shorter than 2^31 bytes. */
#define SHARED_STRING 0x80000000u

/* Strings that are often the same for many connections of a tenant (the tenant's client key,
 * who changed it, the kinds, the URLs and bodies of connections made from the same template):
 * the connections of one list page keep them once, in a block they share. Identifiers, names
 * and times stay in each connection's own pool. */
static const gboolean str_shared[N_STRS] = {
  [STR_CLIENT_KEY] = TRUE,
  [STR_DESCRIPTION] = TRUE,
  [STR_MODIFIED_BY_REF] = TRUE,
  [STR_SYSTEM_TYPE] = TRUE,
  [STR_AUTH_TYPE] = TRUE,
  [STR_AUTH_ACCESS_TOKEN_URL] = TRUE,
  [STR_REQUEST_TYPE] = TRUE,
  [STR_CONNECTION_URL] = TRUE,
  [STR_REQUEST_BODY] = TRUE,
  [STR_EXAMPLE_VALUE] = TRUE,
  [STR_ICON] = TRUE,
};

struct _PbConnection
{
  GObject     parent_instance;

  char       *pool;             /* the compact JSON text, then each decoded string */
  char       *shared;           /* strings kept once for its list page (g_atomic_rc_box), or
                                 * NULL */
  guint32     pool_size;
  guint32     str[N_STRS];      /* offsets into pool (or shared), or NO_STRING */
  gint64      ints[N_INTS];     /* -1: not set */
  GDateTime  *modified_at;
  PbItemList **models;          /* N_MODELS tables, each NULL until someone asks; the
                                 * array itself NULL until the first is asked for */
  guint8      system_kind;
  guint8      auth_kind;
  guint       archived : 1;
  guint       use_mutual_tls : 1;
};

G_DEFINE_FINAL_TYPE (PbConnection, pb_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* one per STR_, in the same order */
  PROP_JSON,
  PROP_REF,
  PROP_HREF,
  PROP_CLIENT_KEY,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MODIFIED_BY_REF,
  PROP_MODIFIED_AT_TEXT,
  PROP_SYSTEM_TYPE,
  PROP_AUTH_TYPE,
  PROP_AUTH_CLIENT_ID,
  PROP_AUTH_ACCESS_TOKEN_URL,
  PROP_REQUEST_TYPE,
  PROP_CONNECTION_URL,
  PROP_REQUEST_BODY,
  PROP_EXAMPLE_VALUE,
  PROP_ICON,
  /* one per INT_, in the same order */
  PROP_REVISION,
  PROP_CONNECTION_TIMEOUT,
  PROP_SOCKET_TIMEOUT,
  /* one per MODEL_, in the same order */
  PROP_OAUTH_CUSTOM_HEADERS,
  PROP_FORM_URL_ENCODED_ITEMS,
  PROP_CUSTOM_HEADERS,
  PROP_URL_PARAMETERS,
  PROP_INPUT_MAPPINGS,
  PROP_OUTPUT_MAPPINGS,
  /* the rest */
  PROP_MODIFIED_AT,
  PROP_ARCHIVED,
  PROP_SYSTEM_KIND,
  PROP_AUTH_KIND,
  PROP_AUTH_USE_MUTUAL_TLS,
  N_PROPS
};

#define PROP_FIRST_STR   PROP_JSON
#define PROP_FIRST_INT   PROP_REVISION
#define PROP_FIRST_MODEL PROP_OAUTH_CUSTOM_HEADERS

static GParamSpec *properties[N_PROPS];

static GType
model_item_type (guint model)
{
  switch (model)
    {
    case MODEL_INPUT_MAPPINGS:
      return PB_TYPE_INPUT_MAPPING;
    case MODEL_OUTPUT_MAPPINGS:
      return PB_TYPE_OUTPUT_MAPPING;
    default:
      return PB_TYPE_NAME_VALUE;
    }
}

/* A string of the page's shared strings, by its hash. */
typedef struct
{
  guint32 hash;
  guint32 offset; /* in Parser.shared, + 1; 0: an empty slot */
  guint32 len;
} SharedSlot;

typedef struct
{
  const char *end;      /* end of the document */
  Brackets   *brackets; /* what the check recorded; NULL for text read again later */
  GString    *path;     /* the place being read, e.g. "items[3].auth" */
  GString    *key;      /* scratch for member names */
  GString    *pool;     /* strings of the connection being read */
  GString    *scratch;  /* strings of a table row being read */
  GString    *shared;   /* strings kept once for the whole page; NULL: each in its pool */
  SharedSlot *shared_index; /* open addressing over the strings of `shared` */
  guint       shared_mask;  /* slots - 1 (a power of two) */
  guint       shared_count;
  gboolean    build;    /* make the row objects; otherwise only check the tables */
  GError    **error;
} Parser;

/* What a row reader gives back when it only checks. */
#define ROW_CHECKED ((gpointer)&row_checked)
static const int row_checked;

static void
parser_init (Parser      *ps,
             const char  *end,
             const char  *path,
             GError     **error)
{
  ps->end = end;
  ps->brackets = NULL;
  ps->path = g_string_new (path);
  ps->key = g_string_new (NULL);
  ps->pool = g_string_new (NULL);
  ps->scratch = g_string_new (NULL);
  ps->shared = NULL;
  ps->shared_index = NULL;
  ps->build = FALSE;
  ps->error = error;
}

static void
parser_clear (Parser *ps)
{
  g_string_free (ps->path, TRUE);
  g_string_free (ps->key, TRUE);
  g_string_free (ps->pool, TRUE);
  g_string_free (ps->scratch, TRUE);
  if (ps->shared != NULL)
    g_string_free (ps->shared, TRUE);
  g_clear_pointer (&ps->shared_index, g_free);
}

/* The hash of a text, eight bytes at a time. */
static guint32
text_hash (const char *s,
           gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ len;
  guint64 word;

  for (; len >= sizeof word; s += sizeof word, len -= sizeof word)
    {
      memcpy (&word, s, sizeof word);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  if (len > 0)
    {
      word = 0;
      memcpy (&word, s, len);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;

  return (guint32)h;
}

/* Reading a list page: keep the strings of str_shared once for the page. */
static void
parser_share_strings (Parser *ps)
{
  ps->shared = g_string_new (NULL);
  ps->shared_mask = 255;
  ps->shared_count = 0;
  ps->shared_index = g_new0 (SharedSlot, ps->shared_mask + 1);
}

/* Doubles the slots when half are taken. */
static void
shared_index_grow (Parser *ps)
{
  guint old_size = ps->shared_mask + 1;
  SharedSlot *old = ps->shared_index;

  ps->shared_mask = old_size * 2 - 1;
  ps->shared_index = g_new0 (SharedSlot, old_size * 2);
  for (guint i = 0; i < old_size; i++)
    if (old[i].offset != 0)
      {
        guint j = old[i].hash & ps->shared_mask;

        while (ps->shared_index[j].offset != 0)
          j = (j + 1) & ps->shared_mask;
        ps->shared_index[j] = old[i];
      }
  g_free (old);
}

/* Moves the string just decoded at `offset` of the pool (its end) into the page's shared
 * strings, once; returns its offset there, marked SHARED_STRING. */
static guint32
share_string (Parser  *ps,
              guint32  offset)
{
  const char *text = ps->pool->str + offset;
  guint32 len = ps->pool->len - offset - 1;
  guint32 hash = text_hash (text, len);
  guint i = hash & ps->shared_mask;
  guint32 shared_offset;

  for (;; i = (i + 1) & ps->shared_mask)
    {
      SharedSlot *slot = &ps->shared_index[i];

      if (slot->offset == 0)
        {
          shared_offset = ps->shared->len;
          g_string_append_len (ps->shared, text, len + 1);
          slot->hash = hash;
          slot->offset = shared_offset + 1;
          slot->len = len;
          if (++ps->shared_count > ps->shared_mask / 2)
            shared_index_grow (ps);
          break;
        }
      if (slot->hash == hash && slot->len == len
          && memcmp (ps->shared->str + slot->offset - 1, text, len) == 0)
        {
          shared_offset = slot->offset - 1;
          break;
        }
    }
  ps->pool->len = offset;
  ps->pool->str[offset] = '\0';

  return SHARED_STRING | shared_offset;
}

/* A string of the connection being read, by offset (pool or shared). */
static inline const char *
parser_str (Parser  *ps,
            guint32  offset)
{
  if (offset == NO_STRING)
    return NULL;
  if (offset & SHARED_STRING)
    return ps->shared->str + (offset & ~SHARED_STRING);
  return ps->pool->str + offset;
}

static gsize
path_push_member (GString    *path,
                  const char *name)
{
  gsize old = path->len;

  if (old > 0)
    g_string_append_c (path, '.');
  g_string_append (path, name);
  return old;
}

static gsize
path_push_index (GString *path,
                 guint    index)
{
  gsize old = path->len;
  char digits[16];
  guint n = 0;

  do
    digits[n++] = '0' + index % 10;
  while ((index /= 10) > 0);

  g_string_append_c (path, '[');
  while (n > 0)
    g_string_append_c (path, digits[--n]);
  g_string_append_c (path, ']');
  return old;
}

static void
path_pop (GString *path,
          gsize    old)
{
  g_string_truncate (path, old);
}

/* Sets the error "<path>.<member>: <what>" (member may be NULL). */
static gboolean
structure_error (Parser     *ps,
                 const char *member,
                 const char *what)
{
  gsize old = ps->path->len;

  if (member != NULL)
    path_push_member (ps->path, member);
  g_set_error (ps->error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE, "%s: %s",
               ps->path->len > 0 ? ps->path->str : "document", what);
  path_pop (ps->path, old);
  return FALSE;
}

/* Decodes a string (or null) into `buf`, NUL-terminated; *offset is where, or NO_STRING.
 * `value_end` is the end of the value (Cursor.p after it). With no `buf`, only checks that
 * the value is a string or null. */
static gboolean
read_string (Parser     *ps,
             const char *value,
             const char *value_end,
             const char *member,
             GString    *buf,
             guint32    *offset)
{
  switch (value_kind (value))
    {
    case KIND_NULL:
      *offset = NO_STRING;
      return TRUE;

    case KIND_STRING:
      if (buf == NULL)
        {
          *offset = NO_STRING;
          return TRUE;
        }
      *offset = buf->len;
      decode_string_to (value, value_end, buf);
      g_string_append_c (buf, '\0');
      return TRUE;

    case KIND_TRUE:
    case KIND_FALSE:
    case KIND_NUMBER:
    case KIND_OBJECT:
    case KIND_ARRAY:
    default:
      return structure_error (ps, member, "expected a string");
    }
}

/* read_string() of a field of the connection (into the pool), shared with the page when
 * `share` and the page shares. */
static gboolean
read_field (Parser     *ps,
            const char *value,
            const char *value_end,
            const char *member,
            gboolean    share,
            guint32    *offset)
{
  if (!read_string (ps, value, value_end, member, ps->pool, offset))
    return FALSE;
  if (share && ps->shared != NULL && *offset != NO_STRING)
    *offset = share_string (ps, *offset);
  return TRUE;
}

/* read_field() into str[index]. */
static inline gboolean
read_str_field (Parser     *ps,
                const char *value,
                const char *value_end,
                const char *member,
                guint       index,
                guint32    *str)
{
  return read_field (ps, value, value_end, member, str_shared[index], &str[index]);
}

static gboolean
read_int (Parser     *ps,
          const char *value,
          const char *member,
          gint64     *out)
{
  ValueKind kind = value_kind (value);

  if (kind == KIND_NULL)
    {
      *out = -1;
      return TRUE;
    }
  if (kind == KIND_NUMBER && read_int64 (value, ps->end, out))
    return TRUE;

  return structure_error (ps, member, "expected an integer");
}

static gboolean
read_bool (Parser     *ps,
           const char *value,
           const char *member,
           gboolean   *out)
{
  switch (value_kind (value))
    {
    case KIND_NULL:
    case KIND_FALSE:
      *out = FALSE;
      return TRUE;

    case KIND_TRUE:
      *out = TRUE;
      return TRUE;

    case KIND_NUMBER:
    case KIND_STRING:
    case KIND_OBJECT:
    case KIND_ARRAY:
    default:
      return structure_error (ps, member, "expected a boolean");
    }
}

static inline const char *
scratch_str (Parser  *ps,
             guint32  offset)
{
  return offset == NO_STRING ? NULL : ps->scratch->str + offset;
}

/* Where a row reader decodes its strings: nowhere when it only checks. */
static inline GString *
row_buffer (Parser *ps)
{
  return ps->build ? ps->scratch : NULL;
}

/* Each returns the row object (or ROW_CHECKED when !ps->build), or NULL with an error. */
typedef gpointer (*ReadRowFunc) (Parser     *ps,
                                 const char *value);

/* {name, value} with string fields. */
static gpointer
read_name_value (Parser     *ps,
                 const char *value)
{
  guint32 off[NV_N_FIELDS] = { NO_STRING, NO_STRING };
  Cursor c;
  Key k;
  const char *v;

  if (value_kind (value) != KIND_OBJECT)
    {
      structure_error (ps, NULL, "expected an object");
      return NULL;
    }

  g_string_truncate (ps->scratch, 0);
  cursor_init (&c, value, ps->end, ps->brackets);
  while (cursor_next_member (&c, ps->key, &k, &v))
    {
      guint field;

      if (key_is (&k, "name"))
        field = NV_NAME;
      else if (key_is (&k, "value"))
        field = NV_VALUE;
      else
        continue;
      if (!read_string (ps, v, c.p, field == NV_NAME ? "name" : "value", row_buffer (ps),
                        &off[field]))
        return NULL;
    }

  if (!ps->build)
    return ROW_CHECKED;

  return pb_name_value_new (scratch_str (ps, off[NV_NAME]), scratch_str (ps, off[NV_VALUE]));
}

/* urlParameters: the shape is not documented; show whatever comes. An object with a string
 * "name" gives that name and its "value" (as text when not a string); anything else gives no
 * name and its compact JSON text as the value. */
static gpointer
read_url_parameter (Parser     *ps,
                    const char *value)
{
  const char *end = skip_value (value, ps->end);
  const char *name = NULL;
  const char *value_value = NULL;
  guint32 name_off = NO_STRING;
  guint32 value_off = NO_STRING;

  if (!ps->build)
    return ROW_CHECKED;

  if (value_kind (value) == KIND_OBJECT)
    {
      Cursor c;
      Key k;
      const char *v;

      cursor_init (&c, value, ps->end, ps->brackets);
      while (cursor_next_member (&c, ps->key, &k, &v))
        {
          if (key_is (&k, "name"))
            name = v;
          else if (key_is (&k, "value"))
            value_value = v;
        }
    }

  g_string_truncate (ps->scratch, 0);
  if (name != NULL && value_kind (name) == KIND_STRING)
    {
      name_off = 0;
      decode_string (name, ps->end, ps->scratch);
      g_string_append_c (ps->scratch, '\0');
      if (value_value != NULL && value_kind (value_value) != KIND_NULL)
        {
          value_off = ps->scratch->len;
          if (value_kind (value_value) == KIND_STRING)
            decode_string (value_value, ps->end, ps->scratch);
          else
            append_compact (ps->scratch, value_value, skip_value (value_value, ps->end));
          g_string_append_c (ps->scratch, '\0');
        }
    }
  else
    {
      value_off = 0;
      append_compact (ps->scratch, value, end);
      g_string_append_c (ps->scratch, '\0');
    }

  return pb_name_value_new (scratch_str (ps, name_off), scratch_str (ps, value_off));
}

static gpointer
read_input_mapping (Parser     *ps,
                    const char *value)
{
  static const char * const keys[IM_N_FIELDS] = {
    "label", "key", "type", "exampleValue", "mapping"
  };
  guint32 off[IM_N_FIELDS];
  Cursor c;
  Key k;
  const char *v;

  if (value_kind (value) != KIND_OBJECT)
    {
      structure_error (ps, NULL, "expected an object");
      return NULL;
    }

  for (guint i = 0; i < IM_N_FIELDS; i++)
    off[i] = NO_STRING;
  g_string_truncate (ps->scratch, 0);
  cursor_init (&c, value, ps->end, ps->brackets);
  while (cursor_next_member (&c, ps->key, &k, &v))
    for (guint i = 0; i < IM_N_FIELDS; i++)
      if (key_is (&k, keys[i]))
        {
          if (!read_string (ps, v, c.p, keys[i], row_buffer (ps), &off[i]))
            return NULL;
          break;
        }

  if (!ps->build)
    return ROW_CHECKED;

  return pb_input_mapping_new (scratch_str (ps, off[IM_LABEL]),
                               scratch_str (ps, off[IM_KEY]),
                               scratch_str (ps, off[IM_TYPE]),
                               scratch_str (ps, off[IM_EXAMPLE_VALUE]),
                               scratch_str (ps, off[IM_MAPPING]));
}

static gpointer
read_output_mapping (Parser     *ps,
                     const char *value)
{
  static const char * const keys[OM_N_FIELDS] = { "label", "outputReference", "type" };
  guint32 off[OM_N_FIELDS];
  Cursor c;
  Key k;
  const char *v;

  if (value_kind (value) != KIND_OBJECT)
    {
      structure_error (ps, NULL, "expected an object");
      return NULL;
    }

  for (guint i = 0; i < OM_N_FIELDS; i++)
    off[i] = NO_STRING;
  g_string_truncate (ps->scratch, 0);
  cursor_init (&c, value, ps->end, ps->brackets);
  while (cursor_next_member (&c, ps->key, &k, &v))
    for (guint i = 0; i < OM_N_FIELDS; i++)
      if (key_is (&k, keys[i]))
        {
          if (!read_string (ps, v, c.p, keys[i], row_buffer (ps), &off[i]))
            return NULL;
          break;
        }

  if (!ps->build)
    return ROW_CHECKED;

  return pb_output_mapping_new (scratch_str (ps, off[OM_LABEL]),
                                scratch_str (ps, off[OM_OUTPUT_REFERENCE]),
                                scratch_str (ps, off[OM_TYPE]));
}

/* Checks an array (or null: empty) of rows; when ps->build, also makes them into *rows. */
static gboolean
read_rows (Parser      *ps,
           const char  *value,
           const char  *member,
           ReadRowFunc  read_row,
           GPtrArray  **rows)
{
  ValueKind kind = value_kind (value);
  gsize old;
  Cursor c;
  const char *v;
  guint index = 0;

  if (kind == KIND_NULL)
    return TRUE;
  if (kind != KIND_ARRAY)
    return structure_error (ps, member, "expected an array");

  old = path_push_member (ps->path, member);
  cursor_init (&c, value, ps->end, ps->brackets);
  while (cursor_next_element (&c, &v))
    {
      gsize old_index = path_push_index (ps->path, index++);
      gpointer row = read_row (ps, v);

      path_pop (ps->path, old_index);
      if (row == NULL)
        {
          path_pop (ps->path, old);
          return FALSE;
        }
      if (row != ROW_CHECKED && rows == NULL)
        g_object_unref (row);
      else if (row != ROW_CHECKED)
        {
          if (*rows == NULL)
            *rows = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (*rows, row);
        }
    }
  path_pop (ps->path, old);

  return TRUE;
}

static gboolean
read_auth (Parser     *ps,
           const char *value,
           guint32    *str,
           gboolean   *use_mutual_tls)
{
  Cursor c;
  Key k;
  const char *v;
  gsize old;
  gboolean ok = TRUE;

  switch (value_kind (value))
    {
    case KIND_NULL:
      str[STR_AUTH_TYPE] = str[STR_AUTH_CLIENT_ID] = str[STR_AUTH_ACCESS_TOKEN_URL] = NO_STRING;
      *use_mutual_tls = FALSE;
      return TRUE;

    case KIND_OBJECT:
      break;

    case KIND_TRUE:
    case KIND_FALSE:
    case KIND_NUMBER:
    case KIND_STRING:
    case KIND_ARRAY:
    default:
      return structure_error (ps, "auth", "expected an object");
    }

  old = path_push_member (ps->path, "auth");
  cursor_init (&c, value, ps->end, ps->brackets);
  while (ok && cursor_next_member (&c, ps->key, &k, &v))
    {
      if (key_is (&k, "authType"))
        ok = read_str_field (ps, v, c.p, "authType", STR_AUTH_TYPE, str);
      else if (key_is (&k, "clientId"))
        ok = read_str_field (ps, v, c.p, "clientId", STR_AUTH_CLIENT_ID, str);
      else if (key_is (&k, "accessTokenUrl"))
        ok = read_str_field (ps, v, c.p, "accessTokenUrl", STR_AUTH_ACCESS_TOKEN_URL, str);
      else if (key_is (&k, "useMutualTls"))
        ok = read_bool (ps, v, "useMutualTls", use_mutual_tls);
      else if (key_is (&k, "oauthCustomHeaders"))
        ok = read_rows (ps, v, "oauthCustomHeaders", read_name_value, NULL);
      else if (key_is (&k, "formUrlEncodedItems"))
        ok = read_rows (ps, v, "formUrlEncodedItems", read_name_value, NULL);
    }
  path_pop (ps->path, old);

  return ok;
}

static gboolean
read_request (Parser     *ps,
              const char *value,
              guint32    *str)
{
  Cursor c;
  Key k;
  const char *v;
  gsize old;
  gboolean ok = TRUE;

  switch (value_kind (value))
    {
    case KIND_NULL:
      str[STR_REQUEST_TYPE] = str[STR_CONNECTION_URL] = str[STR_REQUEST_BODY] = NO_STRING;
      return TRUE;

    case KIND_OBJECT:
      break;

    case KIND_TRUE:
    case KIND_FALSE:
    case KIND_NUMBER:
    case KIND_STRING:
    case KIND_ARRAY:
    default:
      return structure_error (ps, "request", "expected an object");
    }

  old = path_push_member (ps->path, "request");
  cursor_init (&c, value, ps->end, ps->brackets);
  while (ok && cursor_next_member (&c, ps->key, &k, &v))
    {
      if (key_is (&k, "requestType"))
        ok = read_str_field (ps, v, c.p, "requestType", STR_REQUEST_TYPE, str);
      else if (key_is (&k, "connectionUrl"))
        ok = read_str_field (ps, v, c.p, "connectionUrl", STR_CONNECTION_URL, str);
      else if (key_is (&k, "requestBody"))
        ok = read_str_field (ps, v, c.p, "requestBody", STR_REQUEST_BODY, str);
    }
  path_pop (ps->path, old);

  return ok;
}

/* The top-level members read, in the order the API sends them (names compared by length
 * first). */
typedef enum
{
  MEMBER_STRING,        /* index: STR_ */
  MEMBER_INT,           /* index: INT_ */
  MEMBER_TABLE,         /* index: in table_members */
  MEMBER_MODIFIED_BY_USER_REF,
  MEMBER_ARCHIVED,
  MEMBER_AUTH,
  MEMBER_REQUEST,
} MemberKind;

static const struct
{
  const char  *member;
  ReadRowFunc  read_row;
} table_members[] = {
  { "customHeaders", read_name_value },
  { "urlParameters", read_url_parameter },
  { "inputMappings", read_input_mapping },
  { "outputMappings", read_output_mapping },
};

#define MEMBER_NAME(name) name, sizeof (name) - 1

static const struct
{
  const char *name;
  guint8      len;
  guint8      kind;
  guint8      index;
} members[] = {
  { MEMBER_NAME ("clientKey"), MEMBER_STRING, STR_CLIENT_KEY },
  { MEMBER_NAME ("href"), MEMBER_STRING, STR_HREF },
  { MEMBER_NAME ("ref"), MEMBER_STRING, STR_REF },
  { MEMBER_NAME ("name"), MEMBER_STRING, STR_NAME },
  { MEMBER_NAME ("description"), MEMBER_STRING, STR_DESCRIPTION },
  { MEMBER_NAME ("modifiedByRef"), MEMBER_STRING, STR_MODIFIED_BY_REF },
  { MEMBER_NAME ("modifiedAt"), MEMBER_STRING, STR_MODIFIED_AT_TEXT },
  { MEMBER_NAME ("revision"), MEMBER_INT, INT_REVISION },
  { MEMBER_NAME ("archived"), MEMBER_ARCHIVED, 0 },
  { MEMBER_NAME ("auth"), MEMBER_AUTH, 0 },
  { MEMBER_NAME ("request"), MEMBER_REQUEST, 0 },
  { MEMBER_NAME ("exampleValue"), MEMBER_STRING, STR_EXAMPLE_VALUE },
  { MEMBER_NAME ("inputMappings"), MEMBER_TABLE, 2 },
  { MEMBER_NAME ("outputMappings"), MEMBER_TABLE, 3 },
  { MEMBER_NAME ("customHeaders"), MEMBER_TABLE, 0 },
  { MEMBER_NAME ("urlParameters"), MEMBER_TABLE, 1 },
  { MEMBER_NAME ("systemType"), MEMBER_STRING, STR_SYSTEM_TYPE },
  { MEMBER_NAME ("connectionTimeout"), MEMBER_INT, INT_CONNECTION_TIMEOUT },
  { MEMBER_NAME ("socketTimeout"), MEMBER_INT, INT_SOCKET_TIMEOUT },
  { MEMBER_NAME ("icon"), MEMBER_STRING, STR_ICON },
  { MEMBER_NAME ("modifiedByUserRef"), MEMBER_MODIFIED_BY_USER_REF, 0 },
};

static PbSystemKind
system_kind_from_string (const char *s)
{
  if (s == NULL)
    return PB_SYSTEM_KIND_OTHER;
  if (g_ascii_strcasecmp (s, "DATA_SYSTEM") == 0)
    return PB_SYSTEM_KIND_DATA_SYSTEM;
  if (g_ascii_strcasecmp (s, "DESTINATION") == 0)
    return PB_SYSTEM_KIND_DESTINATION;
  return PB_SYSTEM_KIND_OTHER;
}

static PbAuthKind
auth_kind_from_string (const char *s)
{
  if (s == NULL)
    return PB_AUTH_KIND_OTHER;
  if (g_ascii_strcasecmp (s, "NONE") == 0)
    return PB_AUTH_KIND_NONE;
  if (g_ascii_strcasecmp (s, "OAUTH") == 0)
    return PB_AUTH_KIND_OAUTH;
  return PB_AUTH_KIND_OTHER;
}

static inline const char *
get_str (PbConnection *self,
         guint         index)
{
  guint32 offset = self->str[index];

  if (offset == NO_STRING)
    return NULL;
  if (offset & SHARED_STRING)
    return self->shared + (offset & ~SHARED_STRING);
  return self->pool + offset;
}

static GDateTime *
parse_modified_at (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

/* The API sends "href" (the connection's URL, which ends with its ref) before "ref": the ref
 * just read is then kept as the end of the href. */
static void
ref_in_href (Parser  *ps,
             guint32 *str)
{
  guint32 ref = str[STR_REF];
  guint32 href = str[STR_HREF];
  gsize ref_len;
  gsize href_len;

  if (ref == NO_STRING || href == NO_STRING || (href & SHARED_STRING) || href >= ref)
    return;

  ref_len = ps->pool->len - ref - 1; /* the last string of the pool */
  href_len = ref - href - 1;         /* strings follow each other */
  if (strlen (ps->pool->str + href) != href_len || ref_len > href_len
      || memcmp (ps->pool->str + href + href_len - ref_len, ps->pool->str + ref, ref_len) != 0)
    return;

  ps->pool->len = ref;
  ps->pool->str[ref] = '\0';
  str[STR_REF] = href + href_len - ref_len;
}

/* Reads the object at `value` (checked JSON) into a new connection. */
static PbConnection *
read_connection (Parser     *ps,
                 const char *value,
                 const char *end)
{
  PbConnection *self;
  guint32 str[N_STRS];
  guint32 modified_by_user_ref = NO_STRING;
  gint64 ints[N_INTS] = { -1, -1, -1 };
  gboolean archived = FALSE;
  gboolean use_mutual_tls = FALSE;
  gboolean ok = TRUE;
  guint next_member = 0;
  const char *v;
  Cursor c;
  Key k;

  if (value_kind (value) != KIND_OBJECT)
    {
      structure_error (ps, NULL, "expected an object");
      return NULL;
    }

  for (guint i = 0; i < N_STRS; i++)
    str[i] = NO_STRING;

  /* The object's text, compact: as it is when the document has no white space between
   * tokens. */
  g_string_truncate (ps->pool, 0);
  if (ps->brackets != NULL && !ps->brackets->spaced)
    buf_append (ps->pool, value, end - value);
  else
    append_compact (ps->pool, value, end);
  g_string_append_c (ps->pool, '\0');
  str[STR_JSON] = 0;

  cursor_init (&c, value, ps->end, ps->brackets);
  while (ok && cursor_next_member (&c, ps->key, &k, &v))
    {
      guint i = G_N_ELEMENTS (members);

      /* Members mostly come in the order of the table: start after the last one found. */
      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        {
          guint m = (next_member + j) % G_N_ELEMENTS (members);

          if (key_is_len (&k, members[m].name, members[m].len))
            {
              i = m;
              next_member = m + 1;
              break;
            }
        }
      if (i == G_N_ELEMENTS (members))
        continue;

      switch (members[i].kind)
        {
        case MEMBER_STRING:
          ok = read_str_field (ps, v, c.p, members[i].name, members[i].index, str);
          if (ok && members[i].index == STR_REF)
            ref_in_href (ps, str);
          break;

        case MEMBER_INT:
          ok = read_int (ps, v, members[i].name, &ints[members[i].index]);
          break;

        case MEMBER_TABLE:
          ok = read_rows (ps, v, members[i].name, table_members[members[i].index].read_row,
                          NULL);
          break;

        case MEMBER_MODIFIED_BY_USER_REF:
          ok = read_field (ps, v, c.p, members[i].name, str_shared[STR_MODIFIED_BY_REF],
                           &modified_by_user_ref);
          break;

        case MEMBER_ARCHIVED:
          ok = read_bool (ps, v, members[i].name, &archived);
          break;

        case MEMBER_AUTH:
          ok = read_auth (ps, v, str, &use_mutual_tls);
          break;

        case MEMBER_REQUEST:
        default:
          ok = read_request (ps, v, str);
          break;
        }
    }

  if (ok && str[STR_NAME] == NO_STRING)
    ok = structure_error (ps, "name", "missing");

  if (!ok)
    return NULL;

  if (str[STR_MODIFIED_BY_REF] == NO_STRING)
    str[STR_MODIFIED_BY_REF] = modified_by_user_ref;

  self = g_object_new (PB_TYPE_CONNECTION, NULL);
  self->pool = g_memdup2 (ps->pool->str, ps->pool->len);
  self->pool_size = ps->pool->len;
  memcpy (self->str, str, sizeof str);
  memcpy (self->ints, ints, sizeof ints);
  self->archived = !!archived;
  self->use_mutual_tls = !!use_mutual_tls;
  /* `shared` is set once the page is read: the strings from the parser. */
  self->system_kind = system_kind_from_string (parser_str (ps, str[STR_SYSTEM_TYPE]));
  self->auth_kind = auth_kind_from_string (parser_str (ps, str[STR_AUTH_TYPE]));
  self->modified_at = parse_modified_at (parser_str (ps, str[STR_MODIFIED_AT_TEXT]));

  return self;
}

/* Reads a checked document that is one connection object. */
static PbConnection *
read_document_connection (const char  *data,
                          gsize        len,
                          Brackets    *brackets,
                          const char  *path,
                          GError     **error)
{
  const char *value = skip_ws (data, data + len);
  PbConnection *ret;
  Parser ps;

  parser_init (&ps, data + len, path, error);
  ps.brackets = brackets;
  ret = read_connection (&ps, value, skip_value_in (brackets, value, data + len));
  parser_clear (&ps);

  return ret;
}

PbConnection *
pb_connection_new_from_data (const char  *data,
                             gssize       length,
                             GError     **error)
{
  Brackets brackets = { 0 };
  PbConnection *ret;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize)length;
  if (data == NULL)
    data = "";
  if (!prepare_document (&data, &len, &brackets, error))
    return NULL;

  ret = read_document_connection (data, len, &brackets, NULL, error);
  brackets_clear (&brackets);

  return ret;
}

GPtrArray *
pb_connection_parse_list (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  Brackets brackets = { 0 };
  const char *root;
  const char *items = NULL;
  const char *v;
  Parser ps;
  Cursor c;
  Key k;
  gsize len;
  guint index = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize)length;
  if (data == NULL)
    data = "";
  if (!prepare_document (&data, &len, &brackets, error))
    return NULL;

  parser_init (&ps, data + len, NULL, error);
  ps.brackets = &brackets;
  parser_share_strings (&ps);
  root = skip_ws (data, data + len);

  if (value_kind (root) != KIND_OBJECT)
    {
      structure_error (&ps, NULL, "expected an object");
      parser_clear (&ps);
      brackets_clear (&brackets);
      return NULL;
    }

  /* href, offset and limit are of no interest; the last "items" wins as in json-glib. */
  cursor_init (&c, root, ps.end, ps.brackets);
  while (cursor_next_member (&c, ps.key, &k, &v))
    if (key_is (&k, "items"))
      items = v;

  if (items == NULL || value_kind (items) != KIND_ARRAY)
    {
      structure_error (&ps, "items", items == NULL ? "missing" : "expected an array");
      parser_clear (&ps);
      brackets_clear (&brackets);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func (g_object_unref);
  path_push_member (ps.path, "items");
  cursor_init (&c, items, ps.end, ps.brackets);
  while (cursor_next_element (&c, &v))
    {
      gsize old = path_push_index (ps.path, index++);
      PbConnection *connection = read_connection (&ps, v, c.p);

      if (connection == NULL)
        {
          parser_clear (&ps);
          brackets_clear (&brackets);
          return NULL;
        }
      g_ptr_array_add (result, connection);
      path_pop (ps.path, old);
    }

  /* The page's shared strings, one reference for each connection. */
  if (ps.shared->len > 0)
    {
      char *block = g_atomic_rc_box_alloc (ps.shared->len);

      memcpy (block, ps.shared->str, ps.shared->len);
      for (guint i = 0; i < result->len; i++)
        ((PbConnection *)result->pdata[i])->shared = g_atomic_rc_box_acquire (block);
      g_atomic_rc_box_release (block);
    }

  parser_clear (&ps);
  brackets_clear (&brackets);
  return g_steal_pointer (&result);
}

PbConnection *
_pb_connection_new_from_node (JsonNode    *node,
                              const char  *path,
                              GError     **error)
{
  g_autofree char *text = NULL;
  Brackets brackets = { 0 };
  const char *data;
  gsize len;
  PbConnection *ret;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE, "%s: expected an object",
                   path != NULL && *path != '\0' ? path : "document");
      return NULL;
    }

  text = json_to_string (node, FALSE);
  data = text;
  len = strlen (text);
  if (!prepare_document (&data, &len, &brackets, error))
    return NULL;

  ret = read_document_connection (data, len, &brackets, path, error);
  brackets_clear (&brackets);

  return ret;
}

/* ------------------------------------------------------------------------------------------ */
/* PbConnection                                                                               */

/* Where each table is in the JSON object. */
static const struct
{
  const char  *parent;
  const char  *member;
  ReadRowFunc  read_row;
} table_places[N_MODELS] = {
  [MODEL_OAUTH_CUSTOM_HEADERS] = { "auth", "oauthCustomHeaders", read_name_value },
  [MODEL_FORM_URL_ENCODED_ITEMS] = { "auth", "formUrlEncodedItems", read_name_value },
  [MODEL_CUSTOM_HEADERS] = { NULL, "customHeaders", read_name_value },
  [MODEL_URL_PARAMETERS] = { NULL, "urlParameters", read_url_parameter },
  [MODEL_INPUT_MAPPINGS] = { NULL, "inputMappings", read_input_mapping },
  [MODEL_OUTPUT_MAPPINGS] = { NULL, "outputMappings", read_output_mapping },
};

/* The value of the last member called `member` of the object at `object`, or NULL. */
static const char *
find_member (Parser     *ps,
             const char *object,
             const char *member)
{
  const char *found = NULL;
  const char *v;
  Cursor c;
  Key k;

  if (object == NULL || value_kind (object) != KIND_OBJECT)
    return NULL;

  cursor_init (&c, object, ps->end, ps->brackets);
  while (cursor_next_member (&c, ps->key, &k, &v))
    if (key_is (&k, member))
      found = v;

  return found;
}

/* Reads one table from the kept JSON text, which was checked when the connection was made. */
static GPtrArray *
read_table (PbConnection *self,
            guint         model)
{
  const char *json = self->pool;
  GPtrArray *rows = NULL;
  const char *container = json;
  const char *value;
  Parser ps;

  parser_init (&ps, json + strlen (json), NULL, NULL);
  ps.build = TRUE;

  if (table_places[model].parent != NULL)
    container = find_member (&ps, json, table_places[model].parent);
  value = find_member (&ps, container, table_places[model].member);
  if (value != NULL && value_kind (value) == KIND_ARRAY
      && !read_rows (&ps, value, table_places[model].member, table_places[model].read_row, &rows))
    g_clear_pointer (&rows, g_ptr_array_unref);

  parser_clear (&ps);
  return rows;
}

/* Tables are made into objects only when someone asks for them: most connections of a long
 * list are never opened. */
static PbItemList *
ensure_model (PbConnection *self,
              guint         model)
{
  PbItemList **models = g_atomic_pointer_get (&self->models);
  PbItemList *list;

  if (models == NULL)
    {
      models = g_new0 (PbItemList *, N_MODELS);
      if (!g_atomic_pointer_compare_and_exchange (&self->models, NULL, models))
        {
          g_free (models);
          models = g_atomic_pointer_get (&self->models);
        }
    }

  list = g_atomic_pointer_get (&models[model]);
  if (list == NULL)
    {
      g_autoptr(GPtrArray) rows = read_table (self, model);

      list = pb_item_list_new_take (model_item_type (model), rows);
      if (!g_atomic_pointer_compare_and_exchange (&models[model], NULL, list))
        {
          g_object_unref (list);
          list = g_atomic_pointer_get (&models[model]);
        }
    }

  return list;
}

static void
pb_connection_finalize (GObject *object)
{
  PbConnection *self = (PbConnection *)object;

  g_free (self->pool);
  g_clear_pointer (&self->shared, g_atomic_rc_box_release);
  g_clear_pointer (&self->modified_at, g_date_time_unref);
  if (self->models != NULL)
    {
      for (guint i = 0; i < N_MODELS; i++)
        g_clear_object (&self->models[i]);
      g_free (self->models);
    }

  G_OBJECT_CLASS (pb_connection_parent_class)->finalize (object);
}

static void
pb_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbConnection *self = PB_CONNECTION (object);

  if (prop_id >= PROP_FIRST_STR && prop_id < PROP_FIRST_STR + N_STRS)
    {
      g_value_set_string (value, get_str (self, prop_id - PROP_FIRST_STR));
      return;
    }
  if (prop_id >= PROP_FIRST_INT && prop_id < PROP_FIRST_INT + N_INTS)
    {
      g_value_set_int64 (value, self->ints[prop_id - PROP_FIRST_INT]);
      return;
    }
  if (prop_id >= PROP_FIRST_MODEL && prop_id < PROP_FIRST_MODEL + N_MODELS)
    {
      g_value_set_object (value, ensure_model (self, prop_id - PROP_FIRST_MODEL));
      return;
    }

  switch (prop_id)
    {
    case PROP_MODIFIED_AT:
      g_value_set_boxed (value, self->modified_at);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_SYSTEM_KIND:
      g_value_set_enum (value, self->system_kind);
      break;

    case PROP_AUTH_KIND:
      g_value_set_enum (value, self->auth_kind);
      break;

    case PROP_AUTH_USE_MUTUAL_TLS:
      g_value_set_boolean (value, self->use_mutual_tls);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_class_init (PbConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  static const char * const str_names[N_STRS] = {
    "json", "ref", "href", "client-key", "name", "description", "modified-by-ref",
    "modified-at-text", "system-type", "auth-type", "auth-client-id", "auth-access-token-url",
    "request-type", "connection-url", "request-body", "example-value", "icon",
  };
  static const char * const int_names[N_INTS] = {
    "revision", "connection-timeout", "socket-timeout",
  };
  static const char * const model_names[N_MODELS] = {
    "oauth-custom-headers", "form-url-encoded-items", "custom-headers", "url-parameters",
    "input-mappings", "output-mappings",
  };

  object_class->finalize = pb_connection_finalize;
  object_class->get_property = pb_connection_get_property;

  for (guint i = 0; i < N_STRS; i++)
    properties[PROP_FIRST_STR + i] = g_param_spec_string (str_names[i], NULL, NULL, NULL, flags);
  for (guint i = 0; i < N_INTS; i++)
    properties[PROP_FIRST_INT + i] =
      g_param_spec_int64 (int_names[i], NULL, NULL, G_MININT64, G_MAXINT64, -1, flags);
  for (guint i = 0; i < N_MODELS; i++)
    properties[PROP_FIRST_MODEL + i] =
      g_param_spec_object (model_names[i], NULL, NULL, G_TYPE_LIST_MODEL, flags);

  properties[PROP_MODIFIED_AT] =
    g_param_spec_boxed ("modified-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_SYSTEM_KIND] =
    g_param_spec_enum ("system-kind", NULL, NULL,
                       PB_TYPE_SYSTEM_KIND, PB_SYSTEM_KIND_OTHER, flags);
  properties[PROP_AUTH_KIND] =
    g_param_spec_enum ("auth-kind", NULL, NULL,
                       PB_TYPE_AUTH_KIND, PB_AUTH_KIND_OTHER, flags);
  properties[PROP_AUTH_USE_MUTUAL_TLS] =
    g_param_spec_boolean ("auth-use-mutual-tls", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_connection_init (PbConnection *self)
{
  for (guint i = 0; i < N_STRS; i++)
    self->str[i] = NO_STRING;
  for (guint i = 0; i < N_INTS; i++)
    self->ints[i] = -1;
}

void
pb_connection_update_from (PbConnection *self,
                           PbConnection *source)
{
  gboolean changed;

  g_return_if_fail (PB_IS_CONNECTION (self));
  g_return_if_fail (PB_IS_CONNECTION (source));

  /* Every value comes from the JSON text: the same text, the same values. */
  if (self == source || g_strcmp0 (get_str (self, STR_JSON), get_str (source, STR_JSON)) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < N_STRS; i++)
    if (g_strcmp0 (get_str (self, i), get_str (source, i)) != 0)
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_STR + i]);
  g_free (self->pool);
  self->pool = g_memdup2 (source->pool, source->pool_size);
  self->pool_size = source->pool_size;
  if (self->shared != source->shared)
    {
      g_clear_pointer (&self->shared, g_atomic_rc_box_release);
      if (source->shared != NULL)
        self->shared = g_atomic_rc_box_acquire (source->shared);
    }
  memcpy (self->str, source->str, sizeof self->str);

  for (guint i = 0; i < N_INTS; i++)
    if (self->ints[i] != source->ints[i])
      {
        self->ints[i] = source->ints[i];
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_INT + i]);
      }

  if (self->modified_at == NULL || source->modified_at == NULL)
    changed = self->modified_at != source->modified_at;
  else
    changed = !g_date_time_equal (self->modified_at, source->modified_at);
  if (changed)
    {
      g_clear_pointer (&self->modified_at, g_date_time_unref);
      if (source->modified_at != NULL)
        self->modified_at = g_date_time_ref (source->modified_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_AT]);
    }

#define UPDATE_FIELD(field, prop)                                         \
  if (self->field != source->field)                                       \
    {                                                                     \
      self->field = source->field;                                        \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);       \
    }

  UPDATE_FIELD (archived, PROP_ARCHIVED)
  UPDATE_FIELD (use_mutual_tls, PROP_AUTH_USE_MUTUAL_TLS)
  UPDATE_FIELD (system_kind, PROP_SYSTEM_KIND)
  UPDATE_FIELD (auth_kind, PROP_AUTH_KIND)

#undef UPDATE_FIELD

  /* The tables keep their identity; only the rows that differ are replaced. A table nobody
   * asked for yet will be read from the new text when someone does. */
  for (guint i = 0; self->models != NULL && i < N_MODELS; i++)
    if (self->models[i] != NULL)
      {
        PbItemList *from = ensure_model (source, i);

        pb_item_list_sync (self->models[i], from->items, from->n_items);
      }

  g_object_thaw_notify (G_OBJECT (self));
}

#define STR_GETTER(func, index)                                   \
  const char *                                                    \
  pb_connection_get_##func (PbConnection *self)                   \
  {                                                               \
    g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);         \
    return get_str (self, index);                                 \
  }

STR_GETTER (ref, STR_REF)
STR_GETTER (href, STR_HREF)
STR_GETTER (client_key, STR_CLIENT_KEY)
STR_GETTER (name, STR_NAME)
STR_GETTER (description, STR_DESCRIPTION)
STR_GETTER (modified_by_ref, STR_MODIFIED_BY_REF)
STR_GETTER (modified_at_text, STR_MODIFIED_AT_TEXT)
STR_GETTER (system_type, STR_SYSTEM_TYPE)
STR_GETTER (auth_type, STR_AUTH_TYPE)
STR_GETTER (auth_client_id, STR_AUTH_CLIENT_ID)
STR_GETTER (auth_access_token_url, STR_AUTH_ACCESS_TOKEN_URL)
STR_GETTER (request_type, STR_REQUEST_TYPE)
STR_GETTER (connection_url, STR_CONNECTION_URL)
STR_GETTER (request_body, STR_REQUEST_BODY)
STR_GETTER (example_value, STR_EXAMPLE_VALUE)
STR_GETTER (icon, STR_ICON)
STR_GETTER (json, STR_JSON)

#define INT_GETTER(func, index)                                   \
  gint64                                                          \
  pb_connection_get_##func (PbConnection *self)                   \
  {                                                               \
    g_return_val_if_fail (PB_IS_CONNECTION (self), -1);           \
    return self->ints[index];                                     \
  }

INT_GETTER (revision, INT_REVISION)
INT_GETTER (connection_timeout, INT_CONNECTION_TIMEOUT)
INT_GETTER (socket_timeout, INT_SOCKET_TIMEOUT)

#define MODEL_GETTER(func, index)                                 \
  GListModel *                                                    \
  pb_connection_get_##func (PbConnection *self)                   \
  {                                                               \
    g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);         \
    return G_LIST_MODEL (ensure_model (self, index));             \
  }

MODEL_GETTER (oauth_custom_headers, MODEL_OAUTH_CUSTOM_HEADERS)
MODEL_GETTER (form_url_encoded_items, MODEL_FORM_URL_ENCODED_ITEMS)
MODEL_GETTER (custom_headers, MODEL_CUSTOM_HEADERS)
MODEL_GETTER (url_parameters, MODEL_URL_PARAMETERS)
MODEL_GETTER (input_mappings, MODEL_INPUT_MAPPINGS)
MODEL_GETTER (output_mappings, MODEL_OUTPUT_MAPPINGS)

GDateTime *
pb_connection_get_modified_at (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);

  return self->modified_at;
}

gboolean
pb_connection_get_archived (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), FALSE);

  return self->archived;
}

PbSystemKind
pb_connection_get_system_kind (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), PB_SYSTEM_KIND_OTHER);

  return self->system_kind;
}

PbAuthKind
pb_connection_get_auth_kind (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), PB_AUTH_KIND_OTHER);

  return self->auth_kind;
}

gboolean
pb_connection_get_auth_use_mutual_tls (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), FALSE);

  return self->use_mutual_tls;
}

static void
append_newline (GString *out,
                guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

/* The JSON text indented by two spaces, tokens exactly as received. */
char *
pb_connection_dup_json_pretty (PbConnection *self)
{
  GString *out;
  const char *p;
  const char *end;
  guint indent = 0;

  g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);

  p = get_str (self, STR_JSON);
  end = p + strlen (p);
  out = g_string_sized_new ((end - p) * 2);

  while (p < end)
    {
      char c = *p;

      switch (c)
        {
        case '"':
          {
            const char *q = skip_string (p, end);

            g_string_append_len (out, p, q - p);
            p = q;
          }
          continue;

        case '{':
        case '[':
          g_string_append_c (out, c);
          if (p + 1 < end && (p[1] == '}' || p[1] == ']'))
            {
              g_string_append_c (out, p[1]);
              p += 2;
              continue;
            }
          append_newline (out, ++indent);
          break;

        case '}':
        case ']':
          append_newline (out, indent > 0 ? --indent : 0);
          g_string_append_c (out, c);
          break;

        case ',':
          g_string_append_c (out, c);
          append_newline (out, indent);
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        default:
          g_string_append_c (out, c);
          break;
        }
      p++;
    }

  return g_string_free (out, FALSE);
}
