/**
 * The auxiliary models' files in a model directory, next to the category model's (which its own
 * loader checks and which ignores these): one JSON state per model. A directory trained before them,
 * or without enough decisions for a department model, lacks the file and serves the rules (or no
 * department opinion); a file that is present but damaged fails the load with its name.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { auxToStates, rulesOnly, type AuxModels } from '../../nlu/aux/index.js';
import { TextModelFormatError, departmentClassifierFromState } from '../../nlu/department/index.js';
import { requestTypeFromState } from '../../nlu/request-type/index.js';
import { urgencyFromState } from '../../nlu/urgency/index.js';

export const AUX_FILES = { requestType: 'request-type.json', urgency: 'urgency.json', department: 'department.json' } as const;

type AuxName = keyof typeof AUX_FILES;
const NAMES = Object.keys(AUX_FILES) as AuxName[];

export async function saveAuxModels(dir: string, models: AuxModels): Promise<void> {
  const states = auxToStates(models);
  for (const name of NAMES) {
    const state = states[name];
    if (state) await writeFile(path.join(dir, AUX_FILES[name]), JSON.stringify(state));
  }
}

/** @throws TextModelFormatError naming the file when one is present but not a valid model. */
export async function loadAuxModels(dir: string): Promise<AuxModels> {
  const rules = rulesOnly();
  const load = async <T>(name: AuxName, fromState: (state: unknown) => T): Promise<T | undefined> => {
    const state = await readJson(dir, AUX_FILES[name]);
    if (state === undefined) return undefined;
    try {
      return fromState(state);
    } catch (error) {
      if (!(error instanceof TextModelFormatError)) throw error;
      throw new TextModelFormatError(`model ${dir}: ${AUX_FILES[name]}: ${error.message}`, { cause: error });
    }
  };
  const department = await load('department', departmentClassifierFromState);
  return {
    requestType: (await load('requestType', requestTypeFromState)) ?? rules.requestType,
    urgency: (await load('urgency', urgencyFromState)) ?? rules.urgency,
    ...(department ? { department } : {}),
  };
}

async function readJson(dir: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TextModelFormatError(`model ${dir}: ${file} is unreadable`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TextModelFormatError(`model ${dir}: ${file} is not valid JSON`, { cause: error });
  }
}
