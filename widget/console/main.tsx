/** The agent console (/console): sign-in, the live inbox, a ticket. */
import './styles.css';
import { render } from 'preact';
import { App } from './App';

render(<App />, document.getElementById('app')!);
