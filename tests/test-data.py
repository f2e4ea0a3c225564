#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of Plugboard's desktop integration files and of its installation, as TAP.

Each sub-command is one meson test (suite 'data') and prints one TAP case per thing a person
would check: the desktop file, the AppStream metadata, the GSettings schema, the icons, the
Flatpak manifest, po/POTFILES.in, and what `meson install` puts where.

    test-data.py desktop  --app-id ID --desktop FILE --service FILE --source-root DIR
                          [--validator P]
    test-data.py metainfo --app-id ID --metainfo FILE --version V --license L --gettext-package N
                          [--validator P]
    test-data.py schemas  --app-id ID --schema-dir DIR --gettext-package N [--compiler P]
    test-data.py icons    --app-id ID --source-root DIR
    test-data.py manifest --app-id ID --manifest FILE --desktop FILE --metainfo FILE --service FILE
                          --build-root DIR
    test-data.py potfiles --source-root DIR
    test-data.py install  --app-id ID --build-root DIR --source-root DIR --prefix P --bindir D
                          --datadir D --localedir D --gettext-package N [--meson P]
"""
import argparse
import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SVG_NS = "{http://www.w3.org/2000/svg}"

ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--share=ipc",
    "--device=dri",
}

SCREENSHOT_BASE = "https://raw.githubusercontent.com/plugboard/plugboard/main/data/screenshots/"
SCREENSHOTS = ["main.png", "dark.png", "narrow.png"]


class Skip(Exception):
    """Raised by a case that does not apply (reported as `ok … # SKIP`)."""


class Tap:
    """Collects cases, then runs them and prints TAP. A case fails by raising AssertionError."""

    def __init__(self):
        self.cases = []

    def case(self, description):
        def register(func):
            self.cases.append((description, func))
            return func
        return register

    def add(self, description, func):
        self.cases.append((description, func))

    def run(self):
        print(f"1..{len(self.cases)}", flush=True)
        failed = 0
        for number, (description, func) in enumerate(self.cases, start=1):
            try:
                func()
            except Skip as e:
                print(f"ok {number} - {description} # SKIP {e}")
            except AssertionError as e:
                failed += 1
                print(f"not ok {number} - {description}")
                for line in str(e).splitlines() or ["(no detail)"]:
                    print(f"# {line}")
            except Exception as e:  # a broken file or a missing tool is a failure, not a crash
                failed += 1
                print(f"not ok {number} - {description}")
                print(f"# {type(e).__name__}: {e}")
            else:
                print(f"ok {number} - {description}")
            sys.stdout.flush()
        return 1 if failed else 0


def fail(message):
    raise AssertionError(message)


def check(condition, message):
    if not condition:
        fail(message)


def run_tool(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          **kwargs)


def tool_path(given, name, package):
    path = given or shutil.which(name)
    check(path and os.path.exists(path), f"{name} is not installed (package {package})")
    return path


def read_desktop(path):
    parser = configparser.RawConfigParser(delimiters=("=",), comment_prefixes=("#",),
                                          interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser


def untranslated(root, tag):
    """The elements named tag directly under root that carry no xml:lang."""
    return [e for e in root.findall(tag) if e.get(XML_LANG) is None]


def stem(path, suffix):
    name = os.path.basename(path)
    check(name.endswith(suffix), f"{name} does not end with {suffix}")
    return name[: -len(suffix)]


def installed_binaries(build_root):
    """Names of the files `meson install` puts into bindir, from meson's introspection data."""
    info = os.path.join(build_root, "meson-info")
    with open(os.path.join(info, "intro-buildoptions.json"), encoding="utf-8") as f:
        options = {o["name"]: o["value"] for o in json.load(f)}
    bindir = os.path.normpath(os.path.join(options["prefix"], options["bindir"]))
    with open(os.path.join(info, "intro-installed.json"), encoding="utf-8") as f:
        installed = json.load(f)
    return sorted(os.path.basename(dest) for dest in installed.values()
                  if os.path.normpath(os.path.dirname(dest)) == bindir)


# ---------------------------------------------------------------------------------------------
# desktop

def cmd_desktop(args, tap):
    state = {}

    def load():
        if "desktop" not in state:
            state["desktop"] = read_desktop(args.desktop)
        return state["desktop"]

    def entry():
        d = load()
        check(d.has_section("Desktop Entry"), "no [Desktop Entry] group")
        return d["Desktop Entry"]

    @tap.case("desktop-file-validate accepts the desktop file without warnings")
    def _():
        validator = tool_path(args.validator, "desktop-file-validate", "desktop-file-utils")
        result = run_tool([validator, args.desktop])
        problems = [l for l in result.stdout.splitlines() if ": hint: " not in l]
        check(result.returncode == 0 and not problems,
              f"exit status {result.returncode}\n{result.stdout}")

    @tap.case("the file is named after the application ID")
    def _():
        check(stem(args.desktop, ".desktop") == args.app_id,
              f"{os.path.basename(args.desktop)} is not {args.app_id}.desktop")

    @tap.case("it launches Plugboard: Type, Name, Exec, Terminal")
    def _():
        e = entry()
        check(e.get("Type") == "Application", f"Type={e.get('Type')}")
        check(e.get("Name") == "Plugboard", f"Name={e.get('Name')}")
        check(e.get("Exec", "").split()[:1] == ["plugboard"], f"Exec={e.get('Exec')}")
        check(e.get("Terminal") == "false", f"Terminal={e.get('Terminal')}")
        for key in ("GenericName", "Comment"):
            check(e.get(key), f"{key} is missing or empty")

    @tap.case("people find it by searching for Sitecore or Personalize")
    def _():
        keywords = entry().get("Keywords", "")
        check(keywords.endswith(";"), f"Keywords does not end with a semicolon: {keywords!r}")
        words = {w.lower() for w in keywords.split(";") if w}
        for wanted in ("sitecore", "personalize", "connections"):
            check(wanted in words, f"Keywords lacks {wanted!r}: {keywords!r}")

    @tap.case("its icon is the application ID, and the icons exist in data/icons")
    def _():
        icon = entry().get("Icon")
        check(icon == args.app_id, f"Icon={icon}, expected {args.app_id}")
        hicolor = os.path.join(args.source_root, "data", "icons", "hicolor")
        for path in (os.path.join(hicolor, "scalable", "apps", f"{icon}.svg"),
                     os.path.join(hicolor, "symbolic", "apps", f"{icon}-symbolic.svg")):
            check(os.path.isfile(path), f"missing {os.path.relpath(path, args.source_root)}")

    @tap.case("it is D-Bus activatable, with a service file for the same name")
    def _():
        e = entry()
        check(e.get("DBusActivatable") == "true", f"DBusActivatable={e.get('DBusActivatable')}")
        check(e.get("StartupNotify") == "true", f"StartupNotify={e.get('StartupNotify')}")
        service = read_desktop(args.service)
        check(service.has_section("D-BUS Service"), "the service file has no [D-BUS Service]")
        s = service["D-BUS Service"]
        check(s.get("Name") == args.app_id, f"service Name={s.get('Name')}")
        check(stem(args.service, ".service") == args.app_id,
              f"{os.path.basename(args.service)} is not {args.app_id}.service")
        argv = shlex.split(s.get("Exec", ""))
        check(len(argv) == 2 and os.path.isabs(argv[0])
              and os.path.basename(argv[0]) == "plugboard"
              and argv[1] == "--gapplication-service",
              f"service Exec={s.get('Exec')}, expected /…/plugboard --gapplication-service")

    @tap.case("it is in the Development category")
    def _():
        categories = [c for c in entry().get("Categories", "").split(";") if c]
        check("Development" in categories, f"Categories={categories}")


# ---------------------------------------------------------------------------------------------
# metainfo

def cmd_metainfo(args, tap):
    state = {}

    def root():
        if "root" not in state:
            state["root"] = ET.parse(args.metainfo).getroot()
        return state["root"]

    def one(parent, tag):
        found = untranslated(parent, tag)
        check(len(found) == 1, f"expected one <{tag}>, found {len(found)}")
        return found[0]

    @tap.case("appstreamcli validate --no-net accepts the metainfo without warnings")
    def _():
        validator = tool_path(args.validator, "appstreamcli", "appstream")
        result = run_tool([validator, "validate", "--no-net", "--no-color", args.metainfo])
        problems = [l for l in result.stdout.splitlines() if re.match(r"^[EW]: ", l)]
        check(result.returncode == 0 and not problems,
              f"exit status {result.returncode}\n{result.stdout}")

    @tap.case("it describes the desktop application with the application ID")
    def _():
        r = root()
        check(r.tag == "component" and r.get("type") == "desktop-application",
              f"<{r.tag} type={r.get('type')!r}>")
        check(one(r, "id").text == args.app_id, f"<id> is {one(r, 'id').text!r}")
        check(stem(args.metainfo, ".metainfo.xml") == args.app_id,
              f"{os.path.basename(args.metainfo)} is not {args.app_id}.metainfo.xml")

    @tap.case("it launches the desktop file and provides the plugboard binary")
    def _():
        r = root()
        launchable = one(r, "launchable")
        check(launchable.get("type") == "desktop-id"
              and launchable.text == f"{args.app_id}.desktop",
              f"<launchable type={launchable.get('type')!r}>{launchable.text}</launchable>")
        binaries = [b.text for b in r.findall("provides/binary")]
        check(binaries == ["plugboard"], f"<provides> binaries: {binaries}")

    @tap.case("licences: metadata CC0-1.0, project the same as meson's")
    def _():
        r = root()
        check(one(r, "metadata_license").text == "CC0-1.0", "metadata_license is not CC0-1.0")
        project = one(r, "project_license").text
        check(project == args.license, f"project_license {project}, meson says {args.license}")

    @tap.case("name, summary, developer and a description with a list of features")
    def _():
        r = root()
        check(one(r, "name").text == "Plugboard", f"<name> {one(r, 'name').text!r}")
        summary = one(r, "summary").text or ""
        check(0 < len(summary) <= 35, f"<summary> should be 1 to 35 characters: {summary!r}")
        developer = one(r, "developer")
        check(developer.get("id") and untranslated(developer, "name"),
              "<developer> needs an id and a <name>")
        description = one(r, "description")
        check(untranslated(description, "p"), "<description> has no paragraph")
        features = untranslated(description, "ul/li") or description.findall("ul/li")
        check(len(features) >= 3, f"<description> lists {len(features)} features")

    @tap.case("the newest release is this version, dated and described")
    def _():
        releases = root().findall("releases/release")
        check(releases, "no <release>")
        newest = releases[0]
        check(newest.get("version") == args.version,
              f"newest release {newest.get('version')}, meson project version {args.version}")
        check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date") or ""),
              f"release date {newest.get('date')!r}")
        check(newest.find("description") is not None, "the release has no <description>")

    @tap.case("screenshots main, detail and narrow, from the repository, main is the default")
    def _():
        shots = root().findall("screenshots/screenshot")
        urls = [s.findtext("image") for s in shots]
        check(urls == [SCREENSHOT_BASE + name for name in SCREENSHOTS], f"images: {urls}")
        defaults = [s.findtext("image") for s in shots if s.get("type") == "default"]
        check(defaults == [SCREENSHOT_BASE + "main.png"], f"default screenshots: {defaults}")
        for s in shots:
            check(untranslated(s, "caption"), f"{s.findtext('image')} has no caption")

    @tap.case("content rating, translation domain, branding colours for light and dark")
    def _():
        r = root()
        rating = one(r, "content_rating")
        check(rating.get("type") == "oars-1.1", f"content_rating type {rating.get('type')}")
        translation = one(r, "translation")
        check(translation.get("type") == "gettext" and translation.text == args.gettext_package,
              f"<translation type={translation.get('type')!r}>{translation.text}")
        colours = {c.get("scheme_preference"): c.text
                   for c in r.findall("branding/color") if c.get("type") == "primary"}
        check(set(colours) == {"light", "dark"}, f"primary colours for {sorted(colours)}")
        for scheme, colour in colours.items():
            check(re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""), f"{scheme} colour {colour!r}")
        check(colours["light"].lower() != colours["dark"].lower(), "light and dark are equal")

    @tap.case("it fits a phone (360 px) and works with keyboard and pointer")
    def _():
        r = root()
        lengths = [d for d in r.findall("requires/display_length")]
        check(any(d.get("compare") == "ge" and d.text == "360" for d in lengths),
              "no <requires><display_length compare=\"ge\">360")
        controls = {c.text for c in r.findall("recommends/control")}
        controls |= {c.text for c in r.findall("supports/control")}
        controls |= {c.text for c in r.findall("requires/control")}
        check({"keyboard", "pointing"} <= controls, f"controls: {sorted(controls)}")

    @tap.case("homepage, bug tracker and source code links")
    def _():
        urls = {u.get("type"): u.text for u in root().findall("url")}
        for kind in ("homepage", "bugtracker", "vcs-browser"):
            check((urls.get(kind) or "").startswith("https://github.com/plugboard/plugboard"),
                  f"url {kind}: {urls.get(kind)!r}")


# ---------------------------------------------------------------------------------------------
# schemas

def cmd_schemas(args, tap):
    schema_file = os.path.join(args.schema_dir, f"{args.app_id}.gschema.xml")

    @tap.case("glib-compile-schemas --strict --dry-run accepts data/")
    def _():
        compiler = tool_path(args.compiler, "glib-compile-schemas", "libglib2.0-bin")
        result = run_tool([compiler, "--strict", "--dry-run", args.schema_dir])
        check(result.returncode == 0 and not result.stdout.strip(),
              f"exit status {result.returncode}\n{result.stdout}")

    @tap.case("the schema has the application ID, its path and the gettext domain")
    def _():
        root = ET.parse(schema_file).getroot()
        check(root.get("gettext-domain") == args.gettext_package,
              f"gettext-domain {root.get('gettext-domain')!r}")
        schemas = root.findall("schema")
        check([s.get("id") for s in schemas] == [args.app_id],
              f"schema ids {[s.get('id') for s in schemas]}")
        path = "/" + args.app_id.replace(".", "/") + "/"
        check(schemas[0].get("path") == path, f"path {schemas[0].get('path')}, expected {path}")

    @tap.case("every key has a summary and a description")
    def _():
        root = ET.parse(schema_file).getroot()
        bare = [k.get("name") for k in root.iter("key")
                if not (k.findtext("summary") or "").strip()
                or not (k.findtext("description") or "").strip()]
        check(not bare, f"keys without summary or description: {', '.join(bare)}")


# ---------------------------------------------------------------------------------------------
# icons

def svg_size(root):
    box = (root.get("viewBox") or "").replace(",", " ").split()
    return root.get("width"), root.get("height"), [float(v) for v in box]


def cmd_icons(args, tap):
    hicolor = os.path.join(args.source_root, "data", "icons", "hicolor")
    app_icon = os.path.join(hicolor, "scalable", "apps", f"{args.app_id}.svg")
    symbolic = os.path.join(hicolor, "symbolic", "apps", f"{args.app_id}-symbolic.svg")

    @tap.case("the app icon is an SVG on a 128×128 canvas")
    def _():
        root = ET.parse(app_icon).getroot()
        check(root.tag == SVG_NS + "svg", f"root element {root.tag}")
        width, height, box = svg_size(root)
        check((width, height) == ("128", "128") and box == [0, 0, 128, 128],
              f"width={width} height={height} viewBox={box}")

    @tap.case("the app icon is in full colour and embeds no bitmap or external file")
    def _():
        root = ET.parse(app_icon).getroot()
        text = open(app_icon, encoding="utf-8").read()
        colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", text)}
        check(len(colours) >= 4, f"only {len(colours)} colours: {sorted(colours)}")
        check(root.find(f".//{SVG_NS}linearGradient") is not None
              or root.find(f".//{SVG_NS}radialGradient") is not None, "no gradient")
        check(root.find(f".//{SVG_NS}image") is None, "embeds an <image>")
        check("xlink:href=\"http" not in text and "href=\"http" not in text, "links a file")

    @tap.case("the symbolic icon is 16×16, only filled paths in one grey (2e3436)")
    def _():
        root = ET.parse(symbolic).getroot()
        width, height, box = svg_size(root)
        check((width, height) == ("16", "16") and box == [0, 0, 16, 16],
              f"width={width} height={height} viewBox={box}")
        shapes = [e for e in root.iter() if e.tag != SVG_NS + "svg"
                  and not e.tag.endswith("}title")]
        check(shapes, "draws nothing")
        for e in shapes:
            name = e.tag.replace(SVG_NS, "")
            check(name == "path", f"<{name}> is not a path")
            check((e.get("fill") or "").lower() == "#2e3436", f"a path with fill {e.get('fill')}")
            check(e.get("stroke") in (None, "none") and "stroke" not in (e.get("style") or ""),
                  "a path is stroked, not filled")
            check("fill" not in (e.get("style") or ""), "a style overrides the fill")


# ---------------------------------------------------------------------------------------------
# manifest

def cmd_manifest(args, tap):
    state = {}

    def manifest():
        if "manifest" not in state:
            with open(args.manifest, encoding="utf-8") as f:
                state["manifest"] = json.load(f)
        return state["manifest"]

    @tap.case("the Flatpak manifest is valid JSON, named after its app-id")
    def _():
        m = manifest()
        check(isinstance(m, dict), "the manifest is not a JSON object")
        check(stem(args.manifest, ".json") == m.get("app-id"),
              f"{os.path.basename(args.manifest)} does not match app-id {m.get('app-id')}")

    @tap.case("app-id = desktop file name = metainfo <id> and <launchable> = service name")
    def _():
        app_id = manifest().get("app-id")
        check(app_id == args.app_id, f"app-id {app_id}, meson app_id {args.app_id}")
        check(stem(args.desktop, ".desktop") == app_id, f"desktop file {args.desktop}")
        root = ET.parse(args.metainfo).getroot()
        check(root.findtext("id") == app_id, f"metainfo <id> {root.findtext('id')}")
        check(root.findtext("launchable") == f"{app_id}.desktop",
              f"metainfo <launchable> {root.findtext('launchable')}")
        service = read_desktop(args.service)["D-BUS Service"]
        check(service.get("Name") == app_id, f"service Name {service.get('Name')}")

    @tap.case("command is the binary that meson installs")
    def _():
        binaries = installed_binaries(args.build_root)
        command = manifest().get("command")
        check(binaries, "meson installs nothing into bin/")
        check(command in binaries, f"command {command!r}, installed: {binaries}")

    @tap.case("finish-args are exactly network, Wayland, fallback X11, IPC and DRI")
    def _():
        finish = manifest().get("finish-args", [])
        check(len(finish) == len(set(finish)), f"duplicates in {finish}")
        extra = sorted(set(finish) - ALLOWED_FINISH_ARGS)
        missing = sorted(ALLOWED_FINISH_ARGS - set(finish))
        check(not extra and not missing, f"not allowed: {extra}; missing: {missing}")

    @tap.case("it builds against the GNOME runtime and SDK")
    def _():
        m = manifest()
        check(m.get("runtime") == "org.gnome.Platform", f"runtime {m.get('runtime')}")
        check(m.get("sdk") == "org.gnome.Sdk", f"sdk {m.get('sdk')}")
        version = m.get("runtime-version")
        check(isinstance(version, str) and re.fullmatch(r"\d+", version),
              f"runtime-version {version!r} should be a quoted GNOME version such as \"49\"")

    @tap.case("its runtime is as new as the Debian 13 pass's libraries, or newer")
    def _():
        # GNOME 48 is GTK 4.18 and libadwaita 1.7: what build-aux/debian13.sh tests with. An
        # older runtime would ship libraries no pass of the test command runs on.
        version = manifest().get("runtime-version")
        check(isinstance(version, str) and version.isdigit() and int(version) >= 48,
              f"runtime-version {version!r} is older than GNOME 48 (GTK 4.18, libadwaita 1.7)")

    @tap.case("the last module builds this source tree with meson")
    def _():
        modules = manifest().get("modules") or []
        check(modules and isinstance(modules[-1], dict), "no modules")
        module = modules[-1]
        check(module.get("name") == "plugboard", f"module {module.get('name')}")
        check(module.get("buildsystem") == "meson", f"buildsystem {module.get('buildsystem')}")
        dirs = [s for s in module.get("sources", []) if s.get("type") == "dir"]
        check(len(dirs) == 1, f"sources {module.get('sources')}")
        tree = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(args.manifest)),
                                             dirs[0].get("path", "")))
        check(os.path.samefile(tree, args.source_root),
              f"source dir {dirs[0].get('path')} is {tree}, not the project root")


# ---------------------------------------------------------------------------------------------
# potfiles

TRANSLATABLE = re.compile(
    r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(\s*\""
    r"|(?<![A-Za-z0-9_])(?:g_d?n?gettext|ngettext|g_dpgettext2?)\s*\("
    r"|translatable=\"(?:yes|true|1)\"")
ALWAYS_TRANSLATABLE = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")


def read_potfiles(source_root):
    path = os.path.join(source_root, "po", "POTFILES.in")
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f]
    return [l for l in lines if l and not l.startswith("#")]


def has_translatable_text(path):
    if path.endswith(ALWAYS_TRANSLATABLE):
        return True
    try:
        with open(path, encoding="utf-8") as f:
            return bool(TRANSLATABLE.search(f.read()))
    except (UnicodeDecodeError, OSError):
        return False  # a picture or other binary file


def cmd_potfiles(args, tap):
    root = args.source_root

    @tap.case("every file listed in po/POTFILES.in exists")
    def _():
        missing = [p for p in read_potfiles(root) if not os.path.isfile(os.path.join(root, p))]
        check(not missing, "listed but missing:\n" + "\n".join(missing))

    @tap.case("every file of src/ and data/ with translatable text is in po/POTFILES.in")
    def _():
        listed = set(read_potfiles(root))
        unlisted = []
        for top in ("src", "data"):
            for folder, subfolders, files in os.walk(os.path.join(root, top)):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    relative = os.path.relpath(path, root).replace(os.sep, "/")
                    if relative not in listed and has_translatable_text(path):
                        unlisted.append(relative)
        check(not unlisted, "translatable but not in po/POTFILES.in:\n" + "\n".join(unlisted))

    @tap.case("po/POTFILES.in is sorted and lists each file once")
    def _():
        files = read_potfiles(root)
        duplicates = sorted({f for f in files if files.count(f) > 1})
        check(not duplicates, "listed twice: " + ", ".join(duplicates))
        check(files == sorted(files), "not sorted; expected:\n" + "\n".join(sorted(files)))


# ---------------------------------------------------------------------------------------------
# install

def read_linguas(source_root):
    with open(os.path.join(source_root, "po", "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f for w in line.split("#", 1)[0].split()]


def cmd_install(args, tap):
    meson = args.meson or shutil.which("meson")
    tmp = tempfile.TemporaryDirectory(prefix="plugboard-install-")
    destdir = tmp.name
    root = os.path.join(destdir, os.path.relpath(args.prefix, os.path.sep))
    state = {}

    def installed():
        check(state.get("installed"), "meson install did not succeed (see above)")

    @tap.case("meson compile brings the build up to date")
    def _():
        check(meson, "meson is not installed")
        result = run_tool([meson, "compile", "-C", args.build_root])
        check(result.returncode == 0, f"exit status {result.returncode}\n{result.stdout[-4000:]}")

    @tap.case("meson install --destdir installs the build")
    def _():
        check(meson, "meson is not installed")
        env = dict(os.environ)
        env.pop("DESTDIR", None)
        result = run_tool([meson, "install", "-C", args.build_root, "--destdir", destdir,
                           "--no-rebuild", "--quiet"], env=env)
        check(result.returncode == 0, f"exit status {result.returncode}\n{result.stdout[-4000:]}")
        state["installed"] = True

    data = args.datadir
    expected = [
        (args.bindir, "plugboard"),
        (data, "applications", f"{args.app_id}.desktop"),
        (data, "metainfo", f"{args.app_id}.metainfo.xml"),
        (data, "dbus-1", "services", f"{args.app_id}.service"),
        (data, "glib-2.0", "schemas", f"{args.app_id}.gschema.xml"),
        (data, "icons", "hicolor", "scalable", "apps", f"{args.app_id}.svg"),
        (data, "icons", "hicolor", "symbolic", "apps", f"{args.app_id}-symbolic.svg"),
    ]

    def expect(parts):
        relative = os.path.join(*parts)

        def _():
            installed()
            path = os.path.join(root, relative)
            check(os.path.isfile(path), f"{path} does not exist")
            check(os.path.getsize(path) > 0, f"{path} is empty")
        tap.add(f"installs {relative}", _)

    for parts in expected:
        expect(parts)

    @tap.case("the installed binary is executable")
    def _():
        installed()
        path = os.path.join(root, args.bindir, "plugboard")
        check(os.access(path, os.X_OK), f"{path} is not executable")

    @tap.case("the installed D-Bus service starts the installed binary")
    def _():
        installed()
        service = read_desktop(os.path.join(root, data, "dbus-1", "services",
                                            f"{args.app_id}.service"))
        argv = shlex.split(service["D-BUS Service"].get("Exec", ""))
        binary = os.path.join(args.prefix, args.bindir, "plugboard")
        check(argv[:1] == [os.path.normpath(binary)],
              f"Exec starts {argv[:1]}, the binary is installed as {binary}")

    languages = read_linguas(args.source_root)
    if not languages:
        def no_languages():
            raise Skip("po/LINGUAS lists no language yet")
        tap.add("installs the translations", no_languages)
    for lang in languages:
        expect((args.localedir, lang, "LC_MESSAGES", f"{args.gettext_package}.mo"))

    return tmp  # kept alive until the cases have run


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=["desktop", "metainfo", "schemas", "icons", "manifest",
                                          "potfiles", "install"])
    for option in ("app-id", "desktop", "service", "metainfo", "manifest", "source-root",
                   "build-root", "schema-dir", "validator", "compiler", "version", "license",
                   "gettext-package", "prefix", "bindir", "datadir", "localedir", "meson"):
        parser.add_argument(f"--{option}")
    args = parser.parse_args()
    if args.source_root is None:
        args.source_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    tap = Tap()
    keep = globals()[f"cmd_{args.check}"](args, tap)
    status = tap.run()
    del keep
    return status


if __name__ == "__main__":
    sys.exit(main())
