"""`briefing completion bash|zsh|fish`: a completion script for the shell, made from the
command line's own parser, so that it offers exactly the commands, options and
choices the parser takes (and files where a path goes)."""

from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "fish")
EXIT_OK = 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `completion` to the command line's commands."""
    completion = commands.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print a completion script. bash: add 'eval \"$(briefing completion bash)\"' to ~/.bashrc; "
        "zsh: 'eval \"$(briefing completion zsh)\"' in ~/.zshrc; fish: 'briefing completion fish > ~/.config/fish/completions/briefing.fish'.",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print the script for `args.shell`."""
    words = command_words(parser)
    sys.stdout.write({"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[args.shell](words))
    return EXIT_OK


Words = dict[str, dict[str, list[str]]]
"""Per command ('' for the top): its sub-actions ('' key), its options, and each option's choices."""


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def command_words(parser: argparse.ArgumentParser) -> Words:
    """The words each command takes: '' names the command's sub-actions (or a
    positional's choices), every other key an option with its choices."""
    words: Words = {"": {"": sorted(_subparsers(parser)), **{option: [] for option in ("--help", "--version")}}}
    for name, command in _subparsers(parser).items():
        entry: dict[str, list[str]] = {"": sorted(_subparsers(command))}
        # The options of a command's actions (`config init --force`) are offered with its own.
        actions = [action for part in (command, *_subparsers(command).values()) for action in part._actions]
        for action in actions:
            if action.option_strings:
                for option in action.option_strings:
                    entry[option] = [str(choice) for choice in action.choices] if action.choices else []
            elif action.choices and not isinstance(action, argparse._SubParsersAction):
                entry[""] += [str(choice) for choice in action.choices]
        words[name] = entry
    return words


def bash_script(words: Words) -> str:
    """The completion script for bash."""
    cases = []
    for command, entry in words.items():
        if not command:
            continue
        options = " ".join(option for option in entry if option)
        choices = [
            f"        {option}) COMPREPLY=($(compgen -W '{' '.join(values)}' -- \"$cur\")); return;;"
            for option, values in entry.items()
            if option and values
        ]
        cases.append(
            f"    {command})\n"
            '      case "$prev" in\n' + "\n".join(choices) + ("\n" if choices else "") + "      esac\n"
            f"      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '{options}' -- \"$cur\"))\n"
            f"      elif [[ $COMP_CWORD -eq 2 && -n '{' '.join(entry[''])}' ]]; then COMPREPLY=($(compgen -W '{' '.join(entry[''])}' -- \"$cur\"))\n"
            '      else COMPREPLY=($(compgen -f -- "$cur")); fi;;'
        )
    top = " ".join(words[""][""]) + " --help --version"
    return (
        '# bash completion for briefing: eval "$(briefing completion bash)"\n'
        "_briefing() {\n"
        '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"\n'
        "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
        f'    COMPREPLY=($(compgen -W \'{top}\' -- "$cur") $(compgen -f -- "$cur"))\n'
        "    return\n"
        "  fi\n"
        '  case "${COMP_WORDS[1]}" in\n' + "\n".join(cases) + "\n"
        '    *) COMPREPLY=($(compgen -f -- "$cur"));;\n'
        "  esac\n"
        "}\n"
        "complete -o filenames -F _briefing briefing\n"
    )


def zsh_script(words: Words) -> str:
    """The completion script for zsh (through bash's, as zsh's bashcompinit takes it)."""
    return (
        '# zsh completion for briefing: eval "$(briefing completion zsh)"\n'
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(words).split("\n", 1)[1]
    )


def fish_script(words: Words) -> str:
    """The completion script for fish."""
    commands = words[""][""]
    lines = ["# fish completion for briefing: briefing completion fish > ~/.config/fish/completions/briefing.fish"]
    lines.append(f"complete -c briefing -n '__fish_use_subcommand' -a '{' '.join(commands)}'")
    lines.append("complete -c briefing -n '__fish_use_subcommand' -l help -l version")
    for command, entry in words.items():
        if not command:
            continue
        seen = f"__fish_seen_subcommand_from {command}"
        if entry[""]:
            lines.append(f"complete -c briefing -n '{seen}' -x -a '{' '.join(entry[''])}'")
        for option, values in entry.items():
            if option.startswith("--"):
                choices = f" -x -a '{' '.join(values)}'" if values else ""
                lines.append(f"complete -c briefing -n '{seen}' -l {option[2:]}{choices}")
            elif option.startswith("-"):
                lines.append(f"complete -c briefing -n '{seen}' -s {option[1:]}")
    return "\n".join(lines) + "\n"
