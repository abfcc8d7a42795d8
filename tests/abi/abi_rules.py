#!/usr/bin/env python3
"""The compatibility rules of docs/plugin-abi.md, checked on two abidw dumps.

abi_rules.py BASELINE.abi CURRENT.abi

Within a major version every pim_* type of the baseline must still be there
and mean the same: a struct keeps each member at the same offset with the
same name and type and may only grow by members appended after its last one;
a typedef (function pointer types included) keeps its type; an enum keeps
each enumerator's value; an exported function keeps its signature. Prints
one line per violation and exits 1 when there is any, 0 otherwise.
(abidiff reports appended members as a change like any other, so it cannot
tell an allowed append from a reordering on its own.)
"""
import sys
import xml.etree.ElementTree as ET


class Dump:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.by_id = {}
        self.structs, self.typedefs, self.enums, self.functions = {}, {}, {}, {}
        for element in root.iter():
            type_id = element.get("id")
            if type_id is not None:
                self.by_id[type_id] = element
            name = element.get("name", "")
            if element.tag == "class-decl" and name.startswith("pim_") and element.get("is-declaration-only") != "yes":
                self.structs[name] = element
            elif element.tag == "typedef-decl" and name.startswith("pim_"):
                self.typedefs[name] = element
            elif element.tag == "enum-decl" and name.startswith("pim_"):
                self.enums[name] = element
            elif element.tag == "function-decl" and name.startswith("pim_"):
                self.functions[name] = element

    def type_text(self, type_id, depth=0):
        element = self.by_id.get(type_id)
        if element is None:
            return "?" + type_id
        tag, name = element.tag, element.get("name", "")
        if tag == "type-decl":
            return name
        if tag in ("typedef-decl",):
            return name
        if tag == "class-decl":
            return "struct " + name
        if tag == "union-decl":
            return "union " + name
        if tag == "enum-decl":
            return "enum " + name
        if tag == "qualified-type-def":
            qualifiers = [q for q in ("const", "volatile", "restrict") if element.get(q) == "yes"]
            return " ".join(qualifiers + [self.type_text(element.get("type-id"), depth + 1)])
        if tag == "pointer-type-def":
            return self.type_text(element.get("type-id"), depth + 1) + " *"
        if tag == "array-type-def":
            return self.type_text(element.get("type-id"), depth + 1) + "[" + element.get("size-in-bits", "") + "]"
        if tag in ("function-type", "function-decl"):
            return self.signature(element, depth)
        return tag + ":" + name

    def signature(self, element, depth=0):
        params = [self.type_text(p.get("type-id"), depth + 1) if p.get("type-id") else "..."
                  for p in element.findall("parameter")]
        returned = element.find("return")
        result = self.type_text(returned.get("type-id"), depth + 1) if returned is not None else "void"
        return result + " (" + ", ".join(params) + ")"

    def members(self, struct):
        out = []
        for member in struct.findall("data-member"):
            var = member.find("var-decl")
            out.append((int(member.get("layout-offset-in-bits", "0")), var.get("name"),
                        self.type_text(var.get("type-id"))))
        return out


def check(baseline, current):
    problems = []
    for name, old in sorted(baseline.structs.items()):
        new = current.structs.get(name)
        if new is None:
            problems.append(f"struct {name}: removed")
            continue
        old_size, new_size = int(old.get("size-in-bits", "0")), int(new.get("size-in-bits", "0"))
        if new_size < old_size:
            problems.append(f"struct {name}: shrank from {old_size} to {new_size} bits")
        new_members = {offset: (member, text) for offset, member, text in current.members(new)}
        for offset, member, text in baseline.members(old):
            found = new_members.get(offset)
            if found is None:
                problems.append(f"struct {name}: no member at bit {offset} (was '{text} {member}')")
            elif found != (member, text):
                problems.append(f"struct {name}: member at bit {offset} was '{text} {member}', "
                                f"is '{found[1]} {found[0]}'")
        for offset, member, text in current.members(new):
            if offset < old_size and offset not in {o for o, _, _ in baseline.members(old)}:
                problems.append(f"struct {name}: member '{text} {member}' inserted at bit {offset}, "
                                f"before the end of the baseline struct ({old_size} bits)")
    for name, old in sorted(baseline.typedefs.items()):
        new = current.typedefs.get(name)
        if new is None:
            problems.append(f"typedef {name}: removed")
            continue
        old_text = baseline.type_text(old.get("type-id"))
        new_text = current.type_text(new.get("type-id"))
        if old_text != new_text:
            problems.append(f"typedef {name}: was '{old_text}', is '{new_text}'")
    for name, old in sorted(baseline.enums.items()):
        new = current.enums.get(name)
        if new is None:
            problems.append(f"enum {name}: removed")
            continue
        values = {e.get("name"): e.get("value") for e in new.findall("enumerator")}
        for enumerator in old.findall("enumerator"):
            if values.get(enumerator.get("name")) != enumerator.get("value"):
                problems.append(f"enum {name}: {enumerator.get('name')} was {enumerator.get('value')}, "
                                f"is {values.get(enumerator.get('name'), 'removed')}")
    for name, old in sorted(baseline.functions.items()):
        new = current.functions.get(name)
        if new is None:
            problems.append(f"function {name}: removed")
        elif baseline.signature(old) != current.signature(new):
            problems.append(f"function {name}: was '{baseline.signature(old)}', is '{current.signature(new)}'")
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems = check(Dump(sys.argv[1]), Dump(sys.argv[2]))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
